//! The `corridor` binary: parses the command line and maps the outcome to an exit code.
//!
//! Exit codes: 0 a route (or listing) was produced; 1 no route exists under the constraints;
//! 2 bad input or usage (bad arguments, unreadable or invalid network or scenario data).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main(std::env::args_os())
}
