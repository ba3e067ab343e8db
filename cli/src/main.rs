//! `vosia`: IVOA Simple Image Access from the shell, on the vosia library.
//!
//! Data goes to stdout (records, or the paths of downloaded files); everything said about
//! it (`-v` URLs, progress, warnings, errors) goes to stderr, as one line per message. The
//! exit status tells the class of failure (see `exit`).

mod cli;
mod describe;
mod exit;
mod files;
mod generate;
mod links;
mod output;
mod progress;
mod registry;
mod search;
mod session;
mod values;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, Format, SearchCommand};
use exit::{Exit, Failure, Outcome};
use session::Session;

fn main() -> ExitCode {
    // A bug must not end with Rust's multi-line panic report and status 101: one line, 70.
    std::panic::set_hook(Box::new(|info| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "vosia: internal error (a bug; please report it with the command line): {info}"
        );
        std::process::exit(Exit::Internal as i32);
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let session = Session::new(cli.net, cli.verbose, cli.quiet);
    let outcome = match &cli.command {
        Command::Search(cmd) => search_command(&session, cmd),
        Command::Describe(cmd) => describe::describe(&session, cmd),
        Command::Download(cmd) => files::download(&session, cmd),
        Command::Datalink(cmd) => links::datalink(&session, cmd),
        Command::Cutout(cmd) => files::cutout(&session, cmd),
        Command::Registry(cmd) => registry::registry(&session, cmd),
        Command::Send(cmd) => registry::send(&session, cmd),
        Command::Generate(cmd) => generate::generate(cmd),
    };
    let exit = match outcome {
        Ok(exit) => exit,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("vosia: {}", failure.message);
            }
            failure.exit
        }
    };
    // Ctrl-C during a step that ended in some other error is still an interruption.
    let exit = if session.cancelled() && exit != Exit::Ok {
        Exit::Cancelled
    } else {
        exit
    };
    ExitCode::from(exit as u8)
}

/// Help and version as clap prints them; a usage error as one line, status 2.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::{
        DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand, DisplayVersion,
    };
    if matches!(
        e.kind(),
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let text = e.render().to_string();
    let first = text.lines().next().unwrap_or("bad arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!("vosia: {first} (see vosia --help)");
    ExitCode::from(Exit::Usage as u8)
}

fn search_command(session: &Session, cmd: &SearchCommand) -> Outcome {
    let out = &cmd.output;
    let format = output::default_format(out.format, out.output.as_deref());
    if format == Format::Votable && out.columns.is_some() {
        return Err(Failure::usage(
            "--columns does not apply to --format votable, which writes the service's \
             response as it came; choose csv, tsv, json or table to pick columns",
        ));
    }
    let service = search::open(session, &cmd.url, &cmd.query.version)?;
    let query = search::query(&service, &cmd.query)?;
    search::check_extras(session, &service, &cmd.query.extra);
    let results = if format == Format::Votable {
        votable(session, &query, cmd)?
    } else {
        let results = search::run(session, &query, &cmd.query.version, None)?;
        let spec = out
            .columns
            .as_deref()
            .unwrap_or(output::default_columns(format));
        output::write_to(
            std::slice::from_ref(&results),
            spec,
            format,
            out.output.as_deref(),
        )?;
        results
    };
    if results.overflow() {
        session.warn(&format!(
            "the service stopped at its record limit ({} records); more match (--maxrec)",
            results.row_count()
        ));
    }
    session.note(&format!("{} records", results.row_count()));
    if results.row_count() == 0 && out.fail_empty {
        return Ok(Exit::Empty);
    }
    Ok(Exit::Ok)
}

/// The response as it came, to `-o FILE` (written as it is read, renamed when complete) or
/// through a temporary file to stdout.
fn votable(
    session: &Session,
    query: &vosia::query::Query,
    cmd: &SearchCommand,
) -> Result<vosia::Results, Failure> {
    if let Some(path) = &cmd.output.output {
        return search::run(session, query, &cmd.query.version, Some(path));
    }
    let folder = private_temp_dir()?;
    let temp = folder.join("response.xml");
    let results = search::run(session, query, &cmd.query.version, Some(&temp));
    let copied = results.as_ref().ok().map(|_| {
        let mut file = std::fs::File::open(&temp)?;
        std::io::copy(&mut file, &mut std::io::stdout().lock()).map(|_| ())
    });
    let _ = std::fs::remove_dir_all(&folder);
    if let Some(Err(e)) = copied {
        return Err(e.into());
    }
    results
}

/// A new folder only this user can enter, under the system's temporary folder (so no one can
/// plant a file or link where the response is written).
fn private_temp_dir() -> Result<std::path::PathBuf, Failure> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("vosia-{}-{nanos}", std::process::id()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).map_err(|e| {
        Failure::new(
            Exit::LocalFile,
            format!("cannot make a temporary folder {}: {e}", dir.display()),
        )
    })?;
    Ok(dir)
}
