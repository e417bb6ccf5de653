//! Each corridor family has one colour, its data's (`colour` of its `[[family]]`), in every
//! figure of every command: the study's and the report's map, chart and bars, `route
//! --figures`, `map --scenario`, `chart tcd`, `chart compare`, `chart pareto` and the reliability
//! chart. And the loader reads that colour strictly.

use std::path::Path;

use crate::support::cmd::Cmd;
use crate::support::inspect::{attr, legend_colour};
use crate::support::svgdoc::{documents, rects, unescape};

/// The data's colour of family `id`, `#RRGGBB`.
fn colour(net: &corridor::Network, id: &str) -> String {
    net.families
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("family {id}"))
        .colour
        .to_string()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The stroke of the last polyline before the first text where `needle` starts (and may run on
/// into the next text: a legend entry wrapped onto two lines), the entry's swatch.
fn swatch_before(svg: &str, needle: &str) -> Option<String> {
    // (position, text) of every drawn text, halos left out.
    let lines: Vec<(usize, String)> = svg
        .match_indices("<text ")
        .map(|(i, _)| i)
        .filter(|&i| !svg[i..i + svg[i..].find('>').unwrap()].contains("aria-hidden"))
        .map(|i| {
            let open = i + svg[i..].find('>').unwrap() + 1;
            let close = open + svg[open..].find("</text>").unwrap();
            (i, unescape(svg[open..close].trim()))
        })
        .collect();
    let at = (0..lines.len()).find_map(|k| {
        let first = &lines[k].1;
        let next = lines.get(k + 1).map_or("", |l| l.1.as_str());
        let both = format!("{first} {next}");
        both.find(needle)
            .filter(|p| *p < first.len())
            .map(|_| lines[k].0)
    })?;
    let swatch = svg[..at].rfind("<polyline ")?;
    attr(&svg[swatch..], "stroke")
}

/// The outline colours of a breakdown's bars, days panel then USD panel, top to bottom.
fn bar_outlines(svg: &str, colours: &[String]) -> Vec<String> {
    rects(&documents(svg)[0])
        .into_iter()
        .filter(|(_, fill, stroke)| fill == "none" && colours.contains(stroke))
        .map(|(_, _, stroke)| stroke)
        .collect()
}

#[test]
fn each_family_has_its_data_colour_in_every_figure_of_every_command() {
    let net = corridor::load::embedded().unwrap();
    let all: Vec<String> = net.families.iter().map(|f| f.colour.to_string()).collect();
    let c = |id: &str| colour(&net, id);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let s = |p: &str| d.join(p).display().to_string();
    let mut checked = 0;
    let mut expect = |what: &str, got: Option<String>, family: &str| {
        assert_eq!(got, Some(c(family)), "{what}: {family}");
        checked += 1;
    };

    // The default study and the report: one entry per family, in the data's order.
    Cmd::new().args(["compare", "--figures", &s("study")]).run();
    crate::report::tools::copy_default_report(&d.join("report"));
    let drawn = [
        "northern",
        "middle-turkiye",
        "middle-blacksea",
        "sea-suez",
        "sea-cape",
    ];
    for (map_file, tcd, bars) in [
        (
            "study/compare-xian-duisburg-map.svg",
            "study/compare-xian-duisburg-tcd.svg",
            "study/compare-xian-duisburg-breakdown.svg",
        ),
        ("report/map.svg", "report/tcd.svg", "report/breakdown.svg"),
    ] {
        let (map, tcd) = (read(&d.join(map_file)), read(&d.join(tcd)));
        for id in drawn {
            // Each entry names its family (after the objective or the corridor).
            let f = net.families.iter().find(|f| f.id == id).unwrap();
            let name = format!(" — {} — ", f.name);
            expect(map_file, swatch_before(&map, &name), id);
            expect(map_file, swatch_before(&tcd, &name), id);
        }
        let outlines = bar_outlines(&read(&d.join(bars)), &all);
        let want: Vec<String> = drawn.iter().map(|id| c(id)).collect();
        assert_eq!(outlines[..drawn.len()], want[..], "study bars");
        assert_eq!(outlines[drawn.len()..], want[..], "study bars, USD");
    }

    // `route --figures`: the fastest is Northern, the cheapest by sea via Suez.
    Cmd::route()
        .args(["--by", "time,cost", "--figures", &s("route")])
        .run();
    for kind in ["map", "tcd"] {
        let svg = read(&d.join(format!("route/route-xian-duisburg-{kind}.svg")));
        expect(
            kind,
            legend_colour(&svg, "Northern corridor — fastest"),
            "northern",
        );
        expect(
            kind,
            legend_colour(&svg, "sea via Suez — cheapest"),
            "sea-suez",
        );
    }

    // Two scenarios avoiding Russia: the Middle Corridor through Türkiye, and Zangazur open.
    let two = [
        "--scenario",
        "baseline",
        "--scenario",
        "zangazur-open",
        "--avoid",
        "RU,BY",
    ];
    Cmd::new()
        .args(["map"])
        .args(two)
        .args(["-o", &s("two-map.svg")])
        .run();
    Cmd::new()
        .args(["chart", "tcd"])
        .args(two)
        .args(["-o", &s("two-tcd.svg")])
        .run();
    Cmd::new()
        .args(["chart", "compare", "--by", "time"])
        .args(two)
        .args(["-o", &s("two-bars.svg")])
        .run();
    for file in ["two-map.svg", "two-tcd.svg"] {
        let svg = read(&d.join(file));
        expect(
            file,
            legend_colour(&svg, "Middle Corridor"),
            "middle-turkiye",
        );
        let z = legend_colour(&svg, "Middle Corridor via Zangazur");
        expect(file, z, "zangazur");
    }
    let map = read(&d.join("two-map.svg"));
    expect("two-map", legend_colour(&map, "sea via Suez"), "sea-suez");
    let outlines = bar_outlines(&read(&d.join("two-bars.svg")), &all);
    assert_eq!(
        outlines[..2],
        [c("middle-turkiye"), c("zangazur")],
        "two bars"
    );

    // The Pareto chart: the front (Northern, sea via Suez) filled in their colours, the other
    // families' fastest routes hollow in theirs.
    Cmd::new()
        .args(["chart", "pareto", "-o", &s("pareto.svg")])
        .run();
    let marks = rects(&documents(&read(&d.join("pareto.svg")))[0]);
    let filled: Vec<&String> = marks
        .iter()
        .map(|(_, f, _)| f)
        .filter(|f| all.contains(f))
        .collect();
    let hollow: Vec<&String> = marks
        .iter()
        .map(|(_, _, s)| s)
        .filter(|s| all.contains(s))
        .collect();
    assert_eq!(filled, [&c("northern"), &c("sea-suez")], "the front");
    let mut others = vec![c("middle-turkiye"), c("middle-blacksea"), c("sea-cape")];
    others.sort();
    let mut hollow: Vec<String> = hollow.into_iter().cloned().collect();
    hollow.sort();
    assert_eq!(hollow, others, "off the front");

    // The reliability chart (and the report's): each family's route in its colour.
    Cmd::new()
        .args(["reliability", "--samples", "2000", "--figures", &s("rel")])
        .run();
    for file in ["rel/reliability.svg", "report/reliability.svg"] {
        let svg = read(&d.join(file));
        for id in drawn {
            let f = net.families.iter().find(|f| f.id == id).unwrap();
            expect(file, swatch_before(&svg, &format!("{} · P50", f.name)), id);
        }
    }
    assert!(checked >= 39, "{checked} checks");
}

/// A network folder with the shipped files, `00-network.toml` edited by `edit`.
fn edited_network(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("networks/eurasia").unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let name = p.file_name().unwrap();
        let text = if name == "00-network.toml" {
            edit(text)
        } else {
            text
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_family_colour_is_read_strictly() {
    let bad = edited_network(|t| {
        t.replace("colour = \"#0072B2\"", "colour = \"blue\"")
            .replace("colour = \"#E69F00\"", "colour = \"#D55E00\"")
    });
    let out = Cmd::route()
        .network(bad.path())
        .status(2)
        .stderr_has("00-network.toml:")
        .stderr_has("family.colour: `blue` is not a colour: write it as `#RRGGBB`")
        .stderr_has("family.colour: #D55E00 is already family `northern`'s")
        .run();
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    // A family without a colour takes a free one of the palette, never another family's.
    let none = edited_network(|t| t.replace("colour = \"#56B4E9\"  # sky blue\n", ""));
    let net = corridor::load::load(none.path()).unwrap();
    let suez = colour(&net, "sea-suez");
    let others: Vec<String> = net
        .families
        .iter()
        .filter(|f| f.id != "sea-suez")
        .map(|f| f.colour.to_string())
        .collect();
    assert!(!others.contains(&suez), "{suez} taken");
    assert!(
        corridor::network::DEFAULT_FAMILY_COLOURS
            .iter()
            .any(|x| x.to_string() == suez),
        "{suez}"
    );
}
