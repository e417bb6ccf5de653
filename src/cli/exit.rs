//! What a command's success means for the exit code.
//!
//! A command returns [`Exit`] when it ran to the end; errors are `anyhow` chains and exit 2
//! (mapped once, in [`crate::cli::main`]).

/// What a successful run means for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Something was produced: exit 0.
    Ok,
    /// No route exists under the constraints: exit 1.
    NoRoute,
    /// A batch finished, some of its runs without success: exit 1.
    RunsFailed,
    /// A budget fits no candidate project: exit 1.
    NothingFits,
}
