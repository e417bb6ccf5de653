//! `corridor calibrate` and `assign --choice calibrated`: parameters recovered from volumes the
//! model made with known ones, the held-out year never read by the fit, the shipped parameters a
//! fresh fit's, `assign` reproducing the fit's model values, and bad input named.

use corridor::studies::assign::{self, Choice, Logit};
use corridor::studies::calibrate::{self, params, Options};
use corridor::studies::observed::{self, model_value, Kind};

use crate::support::cmd::{write, Cmd};

/// The shipped 2024 volume and share observations, each with the value the logit model gives
/// at θ = `theta` (tolerance 5 %), and one 2025 share observation of `held` (never fitted).
fn synthetic(theta: f64, held: f64) -> String {
    let net = corridor::load::embedded().unwrap();
    let d = corridor::studies::demand::resolve("2024", &net).unwrap();
    let opts = Options::new(&net);
    let a = Logit::new(&net, &d, &opts.assign)
        .unwrap()
        .assign(&Choice {
            theta,
            ..opts.start
        })
        .unwrap();
    let mut s = String::new();
    let list = observed::resolve(None, &net).unwrap();
    let fitted = list
        .iter()
        .filter(|o| o.year == 2024 && matches!(o.kind, Kind::VolumeTeu | Kind::Share));
    let countries = |c: &[String]| {
        let q: Vec<String> = c.iter().map(|x| format!("\"{x}\"")).collect();
        format!("[{}]", q.join(", "))
    };
    let mut n = 0;
    for o in fitted {
        let observed::Place::Flows {
            family,
            from_countries,
            to_countries,
        } = &o.place
        else {
            continue;
        };
        let v = model_value(&net, &a, o).0.unwrap();
        n += 1;
        s += &format!(
            "[[observation]]\nid = \"{}\"\nkind = \"{}\"\nyear = 2024\nfamily = \"{family}\"\nfrom_countries = {}\nto_countries = {}\nvalue = {v:?}\ntolerance = 0.05\nproduct = \"synthetic\"\nsource = \"the model at theta {theta}\"\n\n",
            o.id,
            o.kind.as_str(),
            countries(from_countries),
            countries(to_countries),
        );
    }
    assert_eq!(n, 3, "the shipped 2024 volumes and shares");
    s + &format!(
        "[[observation]]\nid = \"held\"\nkind = \"share\"\nyear = 2025\nfamily = \"northern\"\nfrom_countries = [\"CN\"]\nvalue = {held}\nproduct = \"synthetic\"\nsource = \"held out\"\n"
    )
}

#[test]
fn theta_is_recovered_from_volumes_made_with_it_and_the_held_out_year_never_moves_the_fit() {
    let truth = 4e-4;
    let run = |held: f64| {
        // The same file name, so that only the held-out value differs.
        let dir = tempfile::tempdir().unwrap();
        let file = write(&dir, "obs.toml", &synthetic(truth, held));
        Cmd::new()
            .args(["calibrate", "--observations", &file, "--format", "json"])
            .run()
            .json()
    };
    let (a, b) = (run(0.5), run(0.9));
    let at = |d: &serde_json::Value| d["fit"]["rows"][0]["at"].as_str().unwrap().to_string();
    assert_ne!(at(&a), at(&b));
    assert_eq!(a["schema"], "corridor.calibration/1");
    let theta = a["choice"]["theta"].as_f64().unwrap();
    assert!(
        (theta / truth - 1.0).abs() < 0.02,
        "θ {theta} against {truth}"
    );
    for r in a["fit"]["rows"].as_array().unwrap() {
        let ratio = r["ratio"].as_f64().unwrap();
        assert!((ratio - 1.0).abs() < 0.005, "{r}");
    }
    // The held-out observation changed: the fit is the same to the bit, its check is not.
    assert_eq!(a["choice"], b["choice"]);
    assert_eq!(a["parameters"], b["parameters"]);
    let rows = |d: &serde_json::Value| {
        let mut f = d["fit"].clone();
        for r in f["rows"].as_array_mut().unwrap() {
            r["at"] = serde_json::Value::Null;
        }
        f
    };
    assert_eq!(rows(&a), rows(&b));
    let held = |d: &serde_json::Value| d["held_out"][0]["rows"][0]["ratio"].as_f64().unwrap();
    assert!((held(&a) / held(&b) - 0.9 / 0.5).abs() < 1e-9);
    // The standard error and the profile range of a recovered θ enclose the truth.
    let p = &a["parameters"][0];
    assert_eq!(p["parameter"], "theta");
    assert!(p["standard_error"].as_f64().unwrap() > 0.0);
    let range = p["range"].as_array().unwrap();
    assert!(range[0].as_f64().unwrap() < truth && truth < range[1].as_f64().unwrap());
}

#[test]
fn the_shipped_parameters_are_a_fresh_fit_and_assign_reproduces_its_model_values() {
    let net = corridor::load::embedded().unwrap();
    let list = observed::resolve(None, &net).unwrap();
    let opts = Options::new(&net);
    let c = calibrate::calibrate(&net, &list, &opts).unwrap();
    let shipped = params::shipped().unwrap();
    assert!(
        (shipped.theta / c.choice.theta - 1.0).abs() < 1e-9,
        "networks/calibration/route-choice.toml: θ {} but a fresh fit gives {}",
        shipped.theta,
        c.choice.theta
    );
    assert_eq!(shipped.value_of_time, net.value_of_time);
    // Its record: the command that wrote it, θ's standard error and profile range as fitted.
    let rec = params::shipped_record().unwrap();
    assert_eq!(
        rec.command.as_deref(),
        Some("corridor calibrate -o networks/calibration/route-choice.toml")
    );
    let fitted = &c.parameters[0];
    let (se, range) = (fitted.standard_error.unwrap(), fitted.range.unwrap());
    assert!((rec.standard_errors[0].1 / se - 1.0).abs() < 1e-6);
    assert!((rec.ranges[0].1 / range.0 - 1.0).abs() < 1e-6);
    assert!(range.0 < c.choice.theta && c.choice.theta <= range.1);
    // The two UTLC ERA volumes count another scope than the demand's flows: shown beside the
    // model, never fitted nor in the median, which is over the one comparable 2024 figure (the
    // Northern share) and so near 0 with θ free; the deterministic choice's is that share's miss.
    let apart: Vec<&str> = c
        .fit
        .rows
        .iter()
        .filter(|r| r.not_comparable.is_some())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        apart,
        [
            "northern-volume-utlc-china-europe-2024",
            "northern-volume-utlc-europe-china-2024"
        ]
    );
    assert!(c.fit.rows.iter().all(|r| r.model.is_some()));
    let share = c
        .fit
        .rows
        .iter()
        .find(|r| r.not_comparable.is_none())
        .unwrap();
    let m = c.fit.median_abs_error.unwrap();
    assert!(
        (m - (share.ratio.unwrap() - 1.0).abs()).abs() < 1e-12,
        "2024 median {m}"
    );
    let w = c.fit.wardrop_median_abs_error.unwrap();
    assert!((w - (share.wardrop_ratio.unwrap() - 1.0).abs()).abs() < 1e-12);
    assert!(w > 0.05, "the deterministic choice misses the share: {w}");
    assert!(
        params::SHIPPED.contains("observations = [\"northern-share-china-europe-rail-2024\"]\n"),
        "only the comparable observations are listed as fitted"
    );
    // The file the fit writes reads back to the same values.
    let text = params::to_toml(&c, "corridor calibrate");
    let back = params::parse(&corridor::load::SourceFile {
        name: "p.toml".into(),
        text,
    })
    .unwrap();
    assert_eq!(back, c.choice);
    // `assign --choice calibrated` (its default gap) gives the fit's model values.
    let d = corridor::studies::demand::resolve("2024", &net).unwrap();
    let a = assign::assign_logit(&net, &d, &assign::Options::default(), &back).unwrap();
    for r in &c.fit.rows {
        let o = list.iter().find(|o| o.id == r.id).unwrap();
        let m = model_value(&net, &a, o).0.unwrap();
        assert!((m / r.model.unwrap() - 1.0).abs() < 1e-3, "{}: {m}", r.id);
    }
    // The deterministic choice is what `assign` still does by default.
    let w = assign::assign(&net, &d, &assign::Options::default()).unwrap();
    assert!(w.flows.iter().all(|f| f.routes.len() <= 2));
    assert!(a.flows.iter().any(|f| f.routes.len() >= 3));
}

#[test]
fn assign_choice_calibrated_reads_a_params_file_and_splits_flows() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "p.toml",
        "[choice]\ntheta = 0.0003\nvalue_of_time = 12.0\nreliability = 0.5\n",
    );
    let doc = Cmd::new()
        .args(["assign", "--demand", "2024", "--choice", "calibrated"])
        .args(["--params", &file, "--format", "json"])
        .run()
        .json();
    let flows = doc["flows"].as_array().unwrap();
    let warsaw = flows
        .iter()
        .find(|f| f["from"] == "xian" && f["to"] == "warsaw")
        .unwrap();
    let shares: Vec<f64> = warsaw["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["share"].as_f64().unwrap())
        .collect();
    // At θ = 0.0003 per USD a route some USD 7,000 dearer keeps a share of a few per cent.
    assert!(shares.len() >= 2 && shares[1] > 0.01, "{shares:?}");
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn bad_input_exits_2_naming_it() {
    let calibrate = |args: &[&str], says: &str| {
        Cmd::new()
            .arg("calibrate")
            .args(args)
            .status(2)
            .stderr_has(says)
            .run();
    };
    calibrate(
        &["--year", "2023"],
        "no volume_teu or share observation of 2023",
    );
    calibrate(
        &["--bounds", "theta=0.01:0.001"],
        "bounds of theta: 0.01–0.001 is the wrong way round",
    );
    calibrate(&["--bounds", "theta=1e-9:0.01"], "outside");
    calibrate(&["--free", "speed"], "unknown parameter `speed`");
    calibrate(&["--held-out", "2024"], "cannot be held out");
    calibrate(&["--kind", "transit_days"], "--kind transit_days");
    let dir = tempfile::tempdir().unwrap();
    let assign = |body: &str, says: &str| {
        let file = write(&dir, "bad.toml", body);
        Cmd::new()
            .args(["assign", "--demand", "2024", "--choice", "calibrated"])
            .args(["--params", &file])
            .status(2)
            .stderr_has("bad.toml:")
            .stderr_has(says)
            .run();
    };
    let good = "[choice]\ntheta = 0.001\nvalue_of_time = 12.0\nreliability = 0.0\n";
    assign(&format!("{good}speed = 3\n"), "unknown field `speed`");
    assign(&good.replace("0.001", "5.0"), "choice.theta: 5 is outside");
    assign(
        &good.replace("reliability = 0.0", "reliability = -1.0"),
        "choice.reliability",
    );
    Cmd::new()
        .args(["assign", "--demand", "2024", "--params", "x.toml"])
        .status(2)
        .stderr_has("--params is for --choice calibrated")
        .run();
}

#[test]
fn held_out_years_run_through_the_batch_runner_and_a_failed_one_is_recorded_as_a_run() {
    let net = corridor::load::embedded().unwrap();
    let list = observed::resolve(None, &net).unwrap();
    let opts = Options::new(&net);
    let kinds = [Kind::VolumeTeu, Kind::Share];
    // No demand is shipped for 2023: that year fails, 2025 goes on, on any number of jobs.
    let years = [2023, 2025];
    let run = |jobs| {
        calibrate::evaluate(
            &net,
            &list,
            &opts.start,
            (&kinds, &years),
            &opts.assign,
            jobs,
        )
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert!(one.results[0].is_none());
    assert_eq!(one.results[1].as_ref().unwrap().year, 2025);
    assert_eq!(one.failed.len(), 1);
    let report = corridor::studies::batch::report(&one.failed, years.len(), "years");
    assert_eq!(report[0], "1 of 2 years failed:");
    assert!(
        report[1].starts_with("  year 2023 (exit 2): ") && report[1].contains("2023"),
        "{report:?}"
    );
}

#[test]
fn a_calibration_writes_the_same_bytes_on_one_job_or_two() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "obs.toml", &synthetic(4e-4, 0.8));
    let run = |jobs: &str| {
        Cmd::new()
            .args(["calibrate", "--observations", &file, "--format", "json"])
            .args(["--max-evaluations", "12", "--jobs", jobs])
            .run()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    // The Jacobian and the profile, run by the runner, answered.
    assert!(doc["parameters"][0]["standard_error"].as_f64().is_some());
    assert!(doc["parameters"][0]["range"].as_array().is_some());
    assert!(doc.get("failed").is_none());
    Cmd::new()
        .args(["calibrate", "--jobs", "0"])
        .status(2)
        .stderr_has("--jobs 0")
        .run();
}
