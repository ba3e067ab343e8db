//! The command line: every subcommand, option and value, with its help. The man page and the
//! shell completions (`vosia generate`) are made from these same definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit;
use crate::values::{self, Circle, Interval, Polygon, Pos, Range, Size};

/// Search IVOA Simple Image Access (SIA 1.0 and 2.0) services, describe them, download and
/// cut out their images.
#[derive(Debug, Parser)]
#[command(name = "vosia", version, after_help = exit::TABLE, after_long_help = exit::TABLE)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub net: NetArgs,
    /// Print the query URL (or POST), the SIA version found out, and similar notes on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// No progress display and no per-file lines on stderr; errors are still printed.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search a service and print the images found.
    #[command(after_help = exit::TABLE)]
    Search(SearchCommand),
    /// Print a service's parameters, output columns, capabilities and availability.
    #[command(after_help = exit::TABLE)]
    Describe(DescribeCommand),
    /// Download the images a search finds (or a saved response lists) into a folder.
    #[command(after_help = exit::TABLE)]
    Download(DownloadCommand),
    /// Print the DataLink links of datasets: of DataLink document URLs, or of IDs.
    #[command(after_help = exit::TABLE)]
    Datalink(DatalinkCommand),
    /// Cut a region out of the images a search finds (SODA), into a folder.
    #[command(after_help = exit::TABLE)]
    Cutout(CutoutCommand),
    /// Find SIA services in the VO registry (RegTAP) by keyword, waveband, ivoid or coverage.
    #[command(after_help = exit::TABLE)]
    Registry(RegistryCommand),
    /// Send a FITS image or a VOTable to desktop tools (Aladin, DS9, TOPCAT) through SAMP.
    #[command(after_help = exit::TABLE)]
    Send(SendCommand),
    /// Write the man page or shell completions (for packagers; cmake --install runs it).
    #[command(hide = true)]
    Generate(GenerateCommand),
}

/// Transport settings, for every subcommand.
#[derive(Debug, Args)]
pub struct NetArgs {
    /// Whole time for one request (connect, wait, body, retries), in seconds [default: 120].
    #[arg(long, global = true, value_name = "SECONDS", value_parser = positive_seconds)]
    pub timeout: Option<f64>,
    /// Time to connect, in seconds [default: 10].
    #[arg(long, global = true, value_name = "SECONDS", value_parser = positive_seconds)]
    pub connect_timeout: Option<f64>,
    /// How often to retry a request the server asks to retry (503, 429) [default: 3].
    #[arg(long, global = true, value_name = "N")]
    pub retries: Option<u32>,
    /// An HTTP header for every request, e.g. "Authorization: Bearer ..." (repeatable).
    #[arg(long = "header", short = 'H', global = true, value_name = "NAME: VALUE",
          value_parser = header)]
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct SearchCommand {
    /// The service's query URL, e.g. http://127.0.0.1:8080/siatest/q/i/siap.xml?
    pub url: String,
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DescribeCommand {
    /// The service's query URL.
    pub url: String,
    #[command(flatten)]
    pub version: VersionArgs,
}

#[derive(Debug, Args)]
pub struct DownloadCommand {
    /// The service's query URL (or give --votable).
    #[arg(required_unless_present = "votable", conflicts_with = "votable")]
    pub url: Option<String>,
    /// A saved response (vosia search --format votable -o FILE) whose images to download.
    #[arg(long, value_name = "RESPONSE.xml")]
    pub votable: Option<PathBuf>,
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub files: FilesArgs,
    /// Name files after the record's title (pyvo's names) or as the server's
    /// Content-Disposition says (known only once the server answers, so with server a rerun
    /// fetches the files again).
    #[arg(long, value_enum, default_value_t = Naming::Title)]
    pub name: Naming,
    /// Save DataLink documents as they are instead of following them to the dataset.
    #[arg(long)]
    pub no_datalink: bool,
}

#[derive(Debug, Args)]
pub struct CutoutCommand {
    /// The service's query URL (or give --votable).
    #[arg(required_unless_present = "votable", conflicts_with = "votable")]
    pub url: Option<String>,
    /// A saved response whose images to cut.
    #[arg(long, value_name = "RESPONSE.xml")]
    pub votable: Option<PathBuf>,
    /// The region to cut out, degrees; also what the search looks for.
    #[arg(long, value_name = "RA,DEC,R", value_parser = values::circle)]
    pub circle: Circle,
    #[command(flatten)]
    pub version: VersionArgs,
    /// Most records to cut from.
    #[arg(long, value_name = "N")]
    pub maxrec: Option<i64>,
    /// Any other query parameter, sent as it is (repeatable).
    #[arg(value_name = "NAME=VALUE", value_parser = name_value)]
    pub extra: Vec<(String, String)>,
    #[command(flatten)]
    pub files: FilesArgs,
}

#[derive(Debug, Args)]
pub struct DatalinkCommand {
    /// DataLink document URLs (a DataLink-pattern access_url), or dataset IDs with --service.
    #[arg(required = true, value_name = "URL-OR-ID")]
    pub targets: Vec<String>,
    /// The DataLink service to ask about IDs (its links endpoint, taking ID=...).
    #[arg(long, value_name = "URL")]
    pub service: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RegistryCommand {
    /// Words every service has in its title or description, or in a subject.
    #[arg(value_name = "KEYWORD")]
    pub keywords: Vec<String>,
    /// The registry's TAP root URL [default: $IVOA_REGISTRY, else GAVO's
    /// http://reg.g-vo.org/tap; ESA's https://registry.euro-vo.org/regtap/tap and STScI's
    /// https://vao.stsci.edu/RegTAP/TapService.aspx are the other public ones].
    #[arg(long, value_name = "URL")]
    pub registry: Option<String>,
    /// Only this SIA version: sia (1.0) or sia2 (2.0) [default: both].
    #[arg(long, value_name = "sia|sia2")]
    pub servicetype: Vec<String>,
    /// A messenger term, e.g. optical, infrared, radio, x-ray (repeatable: any of them).
    #[arg(long, value_name = "TERM")]
    pub waveband: Vec<String>,
    /// An IVOA identifier, ivo://... (repeatable: any of them).
    #[arg(long, value_name = "IVOID")]
    pub ivoid: Vec<String>,
    /// A circle (degrees; radius 0: a point) the declared coverage must contain; needs a
    /// registry with RegTAP 1.2 coverage.
    #[arg(long, value_name = "RA,DEC,R", value_parser = values::circle)]
    pub covers: Option<Circle>,
    /// Output format: tsv (ivoid, sia, short_name, access_url, title) or json (every field).
    #[arg(long, short = 'f', value_enum, default_value_t = RegistryFormat::Tsv)]
    pub format: RegistryFormat,
    /// Exit with status 1 when nothing was found.
    #[arg(long)]
    pub fail_empty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegistryFormat {
    /// Tab-separated values, a header line first.
    Tsv,
    /// A JSON array of objects.
    Json,
}

#[derive(Debug, Args)]
pub struct SendCommand {
    /// A local file (sent as its file:// URL) or a URL.
    #[arg(value_name = "FILE-OR-URL")]
    pub target: String,
    /// Send it as a VOTable (table.load.votable) instead of a FITS image (image.load.fits).
    #[arg(long)]
    pub table: bool,
    /// The name the recipients show for it.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Only to the client of this SAMP name or id, e.g. topcat [default: every client].
    #[arg(long, value_name = "CLIENT")]
    pub to: Option<String>,
    /// The name vosia registers with the hub under.
    #[arg(long, value_name = "NAME", default_value = "vosia")]
    pub client_name: String,
}

#[derive(Debug, Args)]
pub struct GenerateCommand {
    /// What to write.
    #[arg(value_enum)]
    pub what: Generated,
    /// The folder to write into (created when missing).
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// vosia.1 and a page per subcommand (vosia-search.1, ...).
    Man,
    /// vosia.bash, _vosia (zsh), vosia.fish.
    Completions,
}

/// Which SIA version to speak; found out from the service when neither is given.
#[derive(Debug, Clone, Default, Args)]
pub struct VersionArgs {
    /// The service speaks SIA 1.0 (POS=RA,DEC, SIZE).
    #[arg(long, conflicts_with = "sia2")]
    pub sia1: bool,
    /// The service speaks SIA 2.0 (POS=CIRCLE..., BAND, TIME, ...).
    #[arg(long)]
    pub sia2: bool,
}

/// What to search for. SIA 1.0 options and SIA 2.0 options may not be mixed; the service's
/// version decides which apply.
#[derive(Debug, Clone, Default, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub version: VersionArgs,

    /// Position (SIA 1.0), ICRS: decimal degrees or sexagesimal, e.g. 00:42:44.3,+41:16:09.
    #[arg(long, value_name = "RA,DEC", value_parser = values::pos, help_heading = "SIA 1.0")]
    pub pos: Option<Pos>,
    /// Size of the search box (SIA 1.0), degrees; two values for RA and Dec.
    #[arg(long, value_name = "DEG[,DEG]", value_parser = values::size, help_heading = "SIA 1.0")]
    pub size: Option<Size>,
    /// How images must meet the box (SIA 1.0).
    #[arg(long, value_enum, help_heading = "SIA 1.0")]
    pub intersect: Option<Intersect>,
    /// Image format (SIA 1.0 FORMAT), e.g. image/fits, ALL, GRAPHIC (repeatable).
    #[arg(long, value_name = "MIME", help_heading = "SIA 1.0")]
    pub image_format: Vec<String>,
    /// How many columns the service returns, 0 to 3 (SIA 1.0 VERB).
    #[arg(long, value_name = "0-3", help_heading = "SIA 1.0")]
    pub verb: Option<i64>,

    /// A circle to search (SIA 2.0), degrees (repeatable: any of them).
    #[arg(long, value_name = "RA,DEC,R", value_parser = values::circle, help_heading = "SIA 2.0")]
    pub circle: Vec<Circle>,
    /// An RA/Dec box to search (SIA 2.0), degrees (repeatable).
    #[arg(long, value_name = "RA1,RA2,DEC1,DEC2", value_parser = values::range,
          help_heading = "SIA 2.0")]
    pub range: Vec<Range>,
    /// A polygon to search (SIA 2.0), degrees, three or more vertices (repeatable).
    #[arg(long, value_name = "RA,DEC,RA,DEC,RA,DEC...", value_parser = values::polygon,
          help_heading = "SIA 2.0")]
    pub polygon: Vec<Polygon>,
    /// Wavelength interval (SIA 2.0 BAND), metres: LO/HI, an end may be left open (repeatable).
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub band: Vec<Interval>,
    /// Time interval (SIA 2.0 TIME): ISO 8601 or MJD, LO/HI or one instant (repeatable).
    #[arg(long, value_name = "LO/HI", value_parser = values::time_interval,
          help_heading = "SIA 2.0")]
    pub time: Vec<Interval>,
    /// Field of view interval (SIA 2.0 FOV), degrees.
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub fov: Vec<Interval>,
    /// Spatial resolution interval (SIA 2.0 SPATRES), arcseconds.
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub spatres: Vec<Interval>,
    /// Exposure time interval (SIA 2.0 EXPTIME), seconds.
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub exptime: Vec<Interval>,
    /// Time resolution interval (SIA 2.0 TIMERES), seconds.
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub timeres: Vec<Interval>,
    /// Spectral resolving power interval (SIA 2.0 SPECRP).
    #[arg(long, value_name = "LO/HI", value_parser = values::interval, help_heading = "SIA 2.0")]
    pub specrp: Vec<Interval>,
    /// Instrument name (SIA 2.0 INSTRUMENT, repeatable).
    #[arg(long, value_name = "NAME", help_heading = "SIA 2.0")]
    pub instrument: Vec<String>,
    /// Collection (SIA 2.0 COLLECTION, repeatable).
    #[arg(long, value_name = "NAME", help_heading = "SIA 2.0")]
    pub collection: Vec<String>,
    /// Facility (SIA 2.0 FACILITY, repeatable).
    #[arg(long, value_name = "NAME", help_heading = "SIA 2.0")]
    pub facility: Vec<String>,
    /// Target name (SIA 2.0 TARGET, repeatable).
    #[arg(long, value_name = "NAME", help_heading = "SIA 2.0")]
    pub target: Vec<String>,
    /// Data product type, e.g. image or cube (SIA 2.0 DPTYPE, repeatable).
    #[arg(long, value_name = "TYPE", help_heading = "SIA 2.0")]
    pub dptype: Vec<String>,
    /// Publisher's dataset ID (SIA 2.0 ID, repeatable).
    #[arg(long, value_name = "ID", help_heading = "SIA 2.0")]
    pub id: Vec<String>,
    /// Calibration level 0 to 4 (SIA 2.0 CALIB, repeatable).
    #[arg(long, value_name = "0-4", help_heading = "SIA 2.0")]
    pub calib: Vec<i64>,
    /// Polarization state, e.g. I, Q, U, V (SIA 2.0 POL, repeatable).
    #[arg(long, value_name = "STATE", help_heading = "SIA 2.0")]
    pub pol: Vec<String>,

    /// Most records to return (MAXREC).
    #[arg(long, value_name = "N")]
    pub maxrec: Option<i64>,
    /// Any other query parameter, sent as it is (repeatable; a name the service does not
    /// list is warned about, as services accept extras).
    #[arg(value_name = "NAME=VALUE", value_parser = name_value)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Intersect {
    Covers,
    Enclosed,
    Center,
    Overlaps,
}

/// How the records are written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, tsv otherwise]. votable writes the
    /// service's response byte for byte.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Which columns: std (title, position, instrument, date, format, size, URL), all, or
    /// NAME,NAME,... (column names, IDs or std field names) [default: std for table, all
    /// otherwise].
    #[arg(long, short = 'c', value_name = "std|all|NAME,...")]
    pub columns: Option<String>,
    /// Write to FILE instead of stdout (replaced only once complete).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when nothing was found.
    #[arg(long)]
    pub fail_empty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// Comma-separated values (RFC 4180), a header line first.
    Csv,
    /// Tab-separated values, a header line first.
    Tsv,
    /// One JSON object: the columns' metadata and the rows.
    Json,
    /// The VOTable the service sent, unchanged.
    Votable,
}

/// Where downloaded files go.
#[derive(Debug, Args)]
pub struct FilesArgs {
    /// The folder to write into (created when missing).
    #[arg(long, short = 'd', value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// How many files to fetch at once, 1 to 64.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: u32,
    /// Fetch again even when a complete file is in place.
    #[arg(long)]
    pub refresh: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Naming {
    /// After the record's title, made safe (pyvo's names).
    Title,
    /// As the server's Content-Disposition says, when it does (made safe).
    Server,
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x < 1e9 => Ok(x),
        _ => Err(format!("{text:?} is not a number of seconds above 0")),
    }
}

fn header(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("expected NAME: VALUE, got {text:?}")),
    }
}

fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!(
            "expected NAME=VALUE (a query parameter), got {text:?}; options start with --"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
