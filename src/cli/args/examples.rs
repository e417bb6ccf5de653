//! The examples every subcommand's `--help` ends with (and its manual page's EXAMPLES section).
//!
//! Each example is a comment line (`# …`) and a command line (`corridor …`, indented two
//! spaces), short enough for an 80-column terminal (a long one continues after ` \`). Every one
//! runs as written against the shipped network: a test (`tests/all/cli_help.rs`) reads them out
//! of each `--help` and runs them, in a fresh folder, expecting exit code 0 (what follows `>` or
//! `|` is the shell's, not the tool's).

/// `corridor` itself.
pub(crate) const TOP: &str = "\
Examples:
  # The default study (Xi'an → Duisburg, every corridor and scenario), with its figures
  corridor compare --figures
  # The fastest route, kept out of Russia and Belarus
  corridor route --from \"Xi'an\" --to Duisburg --avoid RU,BY
  # The whole study as a folder: index.html, report.md, CSV, JSON, GeoJSON, SVG
  corridor report -o study

Exit codes: 0 success; 1 no route exists under the constraints; 2 bad input or usage.
Tables fit the terminal (or COLUMNS); piped or redirected, they are printed whole.";

/// `corridor route`.
pub(crate) const ROUTE: &str = "\
Examples:
  # The fastest route, kept out of Russia and Belarus
  corridor route --from \"Xi'an\" --to Duisburg --avoid RU,BY
  # One route per objective, as JSON for a script
  corridor route --from xian --to duisburg --by all --format json
  # The best route of each corridor family, fastest and cheapest
  corridor route --from xian --to duisburg --per-corridor --by time,cost";

/// `corridor nodes`.
pub(crate) const NODES: &str = "\
Examples:
  # The places in Azerbaijan
  corridor nodes --country AZ
  # The sea ports on the Middle Corridor, as CSV
  corridor nodes --corridor middle --kind sea_port --format csv";

/// `corridor links`.
pub(crate) const LINKS: &str = "\
Examples:
  # The sea links of the Middle Corridor (the Caspian crossings among them)
  corridor links --mode sea --corridor middle
  # What is still being built, and from which year it opens
  corridor links --status under_construction
  # Every link touching Georgia, as CSV
  corridor links --country GE --format csv";

/// `corridor completions`.
pub(crate) const COMPLETIONS: &str = "\
Examples:
  # Bash: completions for new shells
  corridor completions bash > ~/.local/share/bash-completion/completions/corridor
  # Zsh: a file on $fpath
  corridor completions zsh > ~/.zfunc/_corridor";

/// `corridor man`.
pub(crate) const MAN: &str = "\
Examples:
  # Read the manual of `corridor route`
  corridor man route | man -l -
  # Install every page where man finds them (then `man corridor-route`)
  corridor man --dir ~/.local/share/man/man1";

/// `corridor compare`.
pub(crate) const COMPARE: &str = "\
Examples:
  # The default study: every corridor under every shipped scenario
  corridor compare
  # Zangazur open against today, in 2030, by time
  corridor compare --scenario baseline --scenario zangazur-open --year 2030 --by time
  # One best route per scenario, with P50 and P90 days, and the figures in figures/
  corridor compare --overall --reliability --samples 20000 --figures figures";

/// `corridor skim`.
pub(crate) const SKIM: &str = "\
Examples:
  # Days and dollars between the 33 places the network promises to connect
  corridor skim
  # Four places by every objective, with the Zangazur corridor open
  corridor skim --nodes xian,aktau,meghri,kars --by all --scenario zangazur-open
  # One row per pair and objective, without Russia and Belarus, for a spreadsheet
  corridor skim --by all --avoid RU,BY --format csv -o skim.csv";

/// `corridor sweep`.
pub(crate) const SWEEP: &str = "\
Examples:
  # The Caspian wait at which the sea via Suez becomes faster (without Russia)
  corridor sweep --field wait_hours --avoid RU,BY --range 0:480 \\
    --where links=aktau-alat,kuryk-alat,turkmenbashi-alat
  # The China–Kazakhstan border dwell, westbound, as CSV with its switch points
  corridor sweep --field border.hours --where 'border=CN>KZ' --range 0:200 --format csv";

/// `corridor assign`.
pub(crate) const ASSIGN: &str = "\
Examples:
  # The 2030 demand (Middle Corridor tripled): which Caspian element binds first
  corridor assign
  # The same with the 2027 Caspian capacities
  corridor assign --scenario caspian-capacity-2027
  # The 2024 demand over a 90-day planning period, elements as CSV
  corridor assign --demand 2024 --period-days 90 --format csv";

/// `corridor invest`.
pub(crate) const INVEST: &str = "\
Examples:
  # The shipped candidates against the 2030 demand, most return per dollar first
  corridor invest
  # The best set of three candidates for USD 500 million, and the order to build
  corridor invest --only aktau-hub-stage-2,alat-phase-2,asco-ropax-ferry-kuryk \\
    --budget 5e8 --jobs 2
  # How the ranking changes if the Northern route closes, as Markdown
  corridor invest --across corridor-2030,northern-closed --format markdown";

/// `corridor observed`.
pub(crate) const OBSERVED: &str = "\
Examples:
  # Every published figure beside the model's value
  corridor observed
  # Transit and section times only
  corridor observed --kind transit_days,section_days";

/// `corridor calibrate`.
pub(crate) const CALIBRATE: &str = "\
Examples:
  # Fit θ to 2024's corridor volumes and shares, check on 2025, save the parameters
  corridor calibrate -o params.toml
  # The 2025 demand assigned with the shipped fitted parameters (networks/calibration/)
  corridor assign --demand 2025 --choice calibrated";

/// `corridor map`.
pub(crate) const MAP: &str = "\
Examples:
  # The default study's routes
  corridor map -o map.svg
  # The Caucasus with the Zangazur corridor open
  corridor map --scenario zangazur-open --bbox 38,36,52,44 -o caucasus.svg
  # Fastest and cheapest on the whole network
  corridor map --by time,cost --extent network -o network.svg";

/// `corridor chart`.
pub(crate) const CHART: &str = "\
Examples:
  # The time/cost-distance chart of the fastest route
  corridor chart tcd -o tcd.svg
  # Breakdown bars: today against the World Bank's 2030 targets
  corridor chart compare --scenario baseline --scenario corridor-2030 -o breakdown.svg
  # Days against dollars: the Pareto front
  corridor chart pareto -o pareto.svg";

/// `corridor chart tcd`.
pub(crate) const CHART_TCD: &str = "\
Examples:
  # The fastest route's cumulative days and dollars against km
  corridor chart tcd -o tcd.svg
  # Fastest and cheapest without Russia and Belarus
  corridor chart tcd --by time,cost --avoid RU,BY -o tcd.svg";

/// `corridor chart compare`.
pub(crate) const CHART_COMPARE: &str = "\
Examples:
  # Today against the World Bank's 2030 targets
  corridor chart compare --scenario baseline --scenario corridor-2030 -o breakdown.svg
  # The fastest and the cheapest route side by side
  corridor chart compare --by time,cost -o breakdown.svg";

/// `corridor chart pareto`.
pub(crate) const CHART_PARETO: &str = "\
Examples:
  # Days against dollars for the default study
  corridor chart pareto -o pareto.svg
  # With the Red Sea closed
  corridor chart pareto --scenario red-sea-closed -o pareto-red-sea.svg";

/// `corridor pareto`.
pub(crate) const PARETO: &str = "\
Examples:
  # Every route no other beats on both time and cost
  corridor pareto
  # Time, cost and CO2, near points merged
  corridor pareto --criteria time,cost,co2 --epsilon 0.02
  # Without Russia and Belarus, as CSV
  corridor pareto --avoid RU,BY --format csv";

/// `corridor reliability`.
pub(crate) const RELIABILITY: &str = "\
Examples:
  # P10–P95 days of each corridor's fastest route
  corridor reliability --samples 20000
  # The chance of arriving within 14 days, ordered by P90
  corridor reliability --within 14 --by p90 --samples 20000
  # Shipped in January, with two alternatives and the chart in out/
  corridor reliability --month 1 --alternatives 2 --samples 20000 --figures out";

/// `corridor export`.
pub(crate) const EXPORT: &str = "\
Examples:
  # One GeoJSON file that loads back with --network (edit it in QGIS, then route on it)
  corridor export -o network.geojson
  # One layer per geometry type (nodes, links) and network.toml, ready for ogr2ogr
  corridor export --layers -o network/
  # A flat view with short field names for Shapefile (not loadable)
  corridor export --flat -o flat";

/// `corridor report`.
pub(crate) const REPORT: &str = "\
Examples:
  # The default study as a folder (open study/index.html)
  corridor report -o study
  # Zangazur open against today, with more samples
  corridor report --scenario baseline --scenario zangazur-open --samples 50000 -o zangazur";

/// `corridor scenarios`.
pub(crate) const SCENARIOS: &str = "\
Examples:
  # The shipped scenarios and their edits
  corridor scenarios
  # Then compare two of them
  corridor compare --scenario baseline --scenario red-sea-closed";

/// `corridor validate`.
pub(crate) const VALIDATE: &str = "\
Examples:
  # The shipped network
  corridor validate
  # A network folder, and a scenario file against it
  corridor validate networks/eurasia --scenario networks/scenarios/zangazur-open.toml";

/// `corridor batch`.
pub(crate) const BATCH: &str = "\
Examples:
  # Four questions of the study in this process, two at a time, one result file per run
  corridor batch ./networks/batch/example.toml --jobs 2 -o out/batch
  # Their results in the manifest's order: a JSON array, one run per line
  corridor batch merge out/batch -o all.json
  # The second of three shards (a machine each), then merge the three folders
  corridor batch ./networks/batch/example.toml --shard 2/3 -o out/2

A run (`[[run]] id = \"…\" args = [\"route\", …]`) writes the files it names inside DIR/runs/ID/.
Exit status: 0 every run exited 0; 1 a run failed or found no route (the others finished);
2 a bad manifest, argument or shard (nothing run), or a merge with runs missing.";

/// `corridor sensitivity`.
pub(crate) const SENSITIVITY: &str = "\
Examples:
  # Which estimates could flip \"Zangazur beats the route through Georgia\" in 2030
  corridor sensitivity --compare zangazur,middle-turkiye --year 2030 -r 2
  # The estimates the Middle Corridor's days hang on, with the tornado chart
  corridor sensitivity --family middle-turkiye -r 2 -o tornado.svg
  # The customs scenario's effect, with Sobol indices of the top 5 inputs, as CSV
  corridor sensitivity --scenario-effect customs-simplification -r 2 \\
    --sobol 16 --top 5 --format csv";
