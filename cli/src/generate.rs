//! `vosia generate man|completions DIR`: the man pages and shell completions, made from the
//! clap definitions so that they always match the command.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, GenerateCommand, Generated};
use crate::exit::{Exit, Failure, Outcome};

pub fn generate(cmd: &GenerateCommand) -> Outcome {
    std::fs::create_dir_all(&cmd.dir).map_err(|e| {
        Failure::new(
            Exit::LocalFile,
            format!("cannot create {}: {e}", cmd.dir.display()),
        )
    })?;
    match cmd.what {
        Generated::Man => man(&cmd.dir)?,
        Generated::Completions => {
            for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
                clap_complete::generate_to(shell, &mut Cli::command(), "vosia", &cmd.dir)?;
            }
        }
    }
    Ok(Exit::Ok)
}

/// vosia.1 and vosia-SUBCOMMAND.1 for each visible subcommand.
fn man(dir: &Path) -> std::io::Result<()> {
    let command = Cli::command();
    clap_mangen::generate_to(command, dir)?;
    // generate_to also writes pages of hidden subcommands: not for users.
    let hidden = dir.join("vosia-generate.1");
    if hidden.exists() {
        std::fs::remove_file(hidden)?;
    }
    Ok(())
}
