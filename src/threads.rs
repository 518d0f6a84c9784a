//! A second thread for a piece of work, the way every part that splits its work does
//! it: a thread that cannot start leaves the work to this one, and a panic there comes
//! back as its message (a refusal or an error that says it), never as a crash.

use std::sync::Mutex;

/// Runs `there` on a second thread named `name` while `here` runs on this one (both on
/// this one, `here` first, when no thread can be started); both results, or the
/// message of `there`'s panic.
pub fn beside<T: Send, U>(
    name: &str,
    there: impl FnOnce() -> T + Send,
    here: impl FnOnce() -> U,
) -> Result<(T, U), String> {
    // Kept here until the thread takes it: a thread that cannot be started leaves it
    // to this one (`spawn_scoped` drops the closure it was given).
    let slot = Mutex::new(Some(there));
    let take = || slot.lock().ok().and_then(|mut there| there.take());
    let (made, mine) = std::thread::scope(|scope| {
        let started = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, || take().map(|there| there()));
        let mine = here();
        let made = match started {
            Ok(thread) => thread.join(),
            Err(_) => Ok(None),
        };
        (made, mine)
    });
    match made {
        Ok(Some(made)) => Ok((made, mine)),
        // Not started (or never took it): made here, after this thread's own.
        Ok(None) => take()
            .map(|there| (there(), mine))
            .ok_or_else(|| "the second thread's work was lost".to_owned()),
        Err(panic) => Err(panic_message(panic.as_ref())),
    }
}

/// A panic's message, when it has one.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::{beside, panic_message};

    /// Both run and the second's result comes back.
    #[test]
    fn both_run_and_the_second_result_comes_back() {
        let mut ran = false;
        let made = beside(
            "t",
            || 6 * 7,
            || {
                ran = true;
                "here"
            },
        );
        assert_eq!(made, Ok((42, "here")));
        assert!(ran);
    }

    /// The second thread's panic is its message; this thread's work is still done.
    #[test]
    fn a_panic_on_the_second_thread_is_its_message() {
        let mut ran = false;
        let made = beside("t", || -> u8 { panic!("ids {}", 1) }, || ran = true);
        assert_eq!(made, Err("ids 1".to_owned()));
        assert!(ran);
    }

    #[test]
    fn a_panic_message_is_kept() {
        let message = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_message(message.as_ref()), "boom 1");
        let message = std::panic::catch_unwind(|| panic!("static")).unwrap_err();
        assert_eq!(panic_message(message.as_ref()), "static");
        let message = std::panic::catch_unwind(|| std::panic::panic_any(7)).unwrap_err();
        assert_eq!(panic_message(message.as_ref()), "a panic without a message");
    }
}
