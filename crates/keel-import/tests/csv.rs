//! Strong, Hevy and Strava CSV importers. Expected counts for the shared samples were
//! computed with Python's csv module (an independent parser).

use jiff::civil::date;
use keel_core::activity::{SetType, Sport, StrengthWorkout};
use keel_import::strength::{
    parse_duration, parse_hevy, parse_strong, parse_strong_with_unit, WeightUnit,
};
use keel_import::{attach_strava, decode, detect, parse_strava_csv, Decoded, Format};

mod common;

fn sample(name: &str) -> Option<Vec<u8>> {
    let dir = common::shared_activity_files()?;
    std::fs::read(dir.join("strong-statistics/data_sample").join(name)).ok()
}

fn sets(ws: &[StrengthWorkout]) -> usize {
    ws.iter().map(|w| w.sets.len()).sum()
}

#[test]
fn strong_three_layouts() {
    let Some(modern) = sample("sample_strong.csv") else {
        eprintln!("SKIPPED: shared data absent");
        return;
    };
    let semi = sample("sample_strong__a2821e2_2025-09_semicolon_format.csv").expect("semicolon");
    let legacy = sample("sample_strong_legacy.csv").expect("legacy");
    for (name, bytes, workouts, n_sets) in [
        ("sample_strong.csv", &modern, 15, 250),
        ("semicolon.csv", &semi, 10, 166),
        ("legacy.csv", &legacy, 3, 6),
    ] {
        assert_eq!(detect(name, bytes), Some(Format::StrongCsv), "{name}");
        let Decoded::Strength(parsed) = decode(name, bytes).expect(name) else {
            panic!("{name}: strength expected")
        };
        assert_eq!(parsed.skipped, vec![], "{name}: every row read");
        let ws = parsed.rows;
        assert_eq!(ws.len(), workouts, "{name}: workouts");
        assert_eq!(sets(&ws), n_sets, "{name}: sets");
        let first = &ws[0];
        assert_eq!(first.date, date(2024, 11, 28), "{name}");
        assert_eq!(first.name, "B");
        assert_eq!(
            first.sets[0].exercise, "Bent Over Row (Barbell)",
            "names kept raw"
        );
        assert_eq!(first.sets[0].weight_kg, Some(10.0));
        assert_eq!(first.sets[0].order, 1);
        assert!(first.sets.windows(2).all(|w| w[1].order == w[0].order + 1));
    }
    let ws = parse_strong(&semi, "s").expect("semi").rows;
    assert_eq!(ws[0].duration_s, Some(2134.0), "Duration (sec)");
    assert_eq!(ws[0].sets[0].reps, Some(16));
    let ws = parse_strong(&modern, "m").expect("modern").rows;
    assert_eq!(ws[0].duration_s, Some(35.0 * 60.0), "35m");
    let lb = parse_strong_with_unit(&legacy, "l", WeightUnit::Lb)
        .expect("lb")
        .rows;
    let kg = lb[0].sets[0].weight_kg.expect("weight");
    assert!((kg - 4.5359237).abs() < 1e-9, "10 lb = {kg} kg");
}

#[test]
fn strong_rest_timer_warmup_units_and_errors() {
    let csv = "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (lb),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes\n\
1,2025-01-02 07:00:00,Legs,3900,Squat (Barbell),W,45,10,,,,,Felt good\n\
1,2025-01-02 07:00:00,Legs,3900,Squat (Barbell),Rest Timer,,,,,90,,Felt good\n\
1,2025-01-02 07:00:00,Legs,3900,Squat (Barbell),1,225,5,8,,,,Felt good\n\
1,2025-01-02 07:00:00,Legs,3900,Plank,1,0,,,,60,,Felt good\n\
1,2025-01-02 07:00:00,Legs,3900,Squat (Barbell),D,135,12,,,,,Felt good\n";
    let ws = parse_strong(csv.as_bytes(), "x.csv").expect("parse").rows;
    assert_eq!(ws.len(), 1);
    let w = &ws[0];
    assert_eq!(w.sets.len(), 4, "rest timer skipped");
    assert_eq!(w.sets[0].set_type, SetType::Warmup);
    assert_eq!(w.sets[1].set_type, SetType::Normal);
    assert_eq!(w.sets[3].set_type, SetType::Drop);
    assert!((w.sets[1].weight_kg.expect("w") - 102.058_283).abs() < 1e-3);
    assert_eq!(w.sets[1].rpe, Some(8.0));
    assert_eq!(w.sets[1].rir, Some(2.0));
    assert_eq!(w.sets[2].weight_kg, None, "bodyweight");
    assert_eq!(w.sets[2].duration_s, Some(60.0));
    assert_eq!(w.notes.as_deref(), Some("Felt good"));
    assert_eq!(w.duration_s, Some(3900.0));
    assert_eq!(parse_duration("1h 5m"), Some(3900.0));
    assert_eq!(parse_duration("45s"), Some(45.0));
    assert_eq!(parse_duration("soon"), None);

    // A bad cell skips its row, named with its column and value; the other rows stay.
    let bad =
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
2024-11-28 17:36:08,B,35m,Row,1,ten,13,0,0,\n2024-11-28 17:36:08,B,35m,Row,2,10,13,0,0,\n";
    let parsed = parse_strong(bad.as_bytes(), "bad.csv").expect("the good row");
    assert_eq!(sets(&parsed.rows), 1);
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(
        (parsed.skipped[0].row, parsed.skipped[0].value.as_str()),
        (2, "ten")
    );
    insta::assert_snapshot!("strong_bad_number", parsed.skipped[0].to_string());
    let bad_date =
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
2024-11-28 17:36:08,B,35m,Row,1,10,13,0,0,\n28/11/2024,B,35m,Row,2,10,13,0,0,\n";
    let parsed = parse_strong(bad_date.as_bytes(), "bad.csv").expect("the good row");
    assert_eq!((parsed.rows.len(), parsed.skipped.len()), (1, 1));
    assert_eq!(parsed.skipped[0].column, "Date");
    insta::assert_snapshot!("strong_bad_date", parsed.skipped[0].to_string());
    let no_cols = "Date,Name,Weight\n2024-11-28,x,1\n";
    let e = parse_strong(no_cols.as_bytes(), "bad.csv").expect_err("headers");
    insta::assert_snapshot!("strong_unknown_header", e.to_string());
}

#[test]
fn hevy_sample_and_lbs() {
    let Some(bytes) = sample("sample_hevy.csv") else {
        eprintln!("SKIPPED: shared data absent");
        return;
    };
    assert_eq!(detect("sample_hevy.csv", &bytes), Some(Format::HevyCsv));
    let parsed = parse_hevy(&bytes, "hevy.csv").expect("hevy");
    assert_eq!(parsed.skipped, vec![]);
    let ws = parsed.rows;
    assert_eq!(ws.len(), 335);
    assert_eq!(sets(&ws), 7211);
    let count = |t: SetType| {
        ws.iter()
            .flat_map(|w| &w.sets)
            .filter(|s| s.set_type == t)
            .count()
    };
    assert_eq!(count(SetType::Warmup), 2195);
    assert_eq!(count(SetType::Drop), 43);
    assert_eq!(count(SetType::Failure), 1122);
    let w = &ws[0];
    assert_eq!(w.name, "Lower // Ramp // Strength // 1");
    assert_eq!(w.date, date(2025, 9, 15));
    assert_eq!(w.duration_s, Some(85.0 * 60.0), "07:48 to 09:13");
    assert_eq!(w.sets.len(), 25);
    assert_eq!(w.sets[0].exercise, "Seated Leg Curl (Machine)");
    assert_eq!(w.sets[0].set_type, SetType::Warmup);
    assert_eq!(w.sets[0].weight_kg, Some(39.0));
    assert_eq!(w.sets[3].rpe, Some(9.5));

    let lbs = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n\
\"Push\",\"1 Oct 2025, 18:00\",\"1 Oct 2025, 19:00\",\"\",\"Bench Press (Barbell)\",,\"\",0,\"normal\",100,5,,,\n";
    let ws = parse_hevy(lbs.as_bytes(), "h").expect("lbs").rows;
    assert!((ws[0].sets[0].weight_kg.expect("w") - 45.359237).abs() < 1e-9);
    let bad = lbs.replace("1 Oct 2025, 18:00", "2025/10/01 6pm");
    let parsed = parse_hevy(bad.as_bytes(), "h").expect("no good row, no error");
    assert_eq!((parsed.rows.len(), parsed.skipped.len()), (0, 1));
    assert_eq!(parsed.skipped[0].value, "2025/10/01 6pm");
    insta::assert_snapshot!("hevy_bad_date", parsed.skipped[0].to_string());
}

#[test]
fn strava_activities_csv_both_header_variants() {
    // Current export: duplicated names; the first Distance is km, the second metres.
    let modern = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Perceived Exertion\n\
1001,\"Sep 27, 2021, 2:13:10 PM\",Lunch Run,Run,,3558,11.27,,,false,,,activities/1001.fit.gz,,,3558.0,3500.0,11274.04,4.2,7\n\
1002,\"Sep 28, 2021, 6:00:00 AM\",Hills,Trail Run,,4000,9.1,,,false,,,activities/1002.gpx,,,4000.0,3900.0,9100.5,3.1,\n\
1003,\"Sep 29, 2021, 6:00:00 PM\",Gym,Weight Training,,3600,0,,,false,,,,,,3600.0,3600.0,0,0,5\n";
    assert_eq!(
        detect("activities.csv", modern.as_bytes()),
        Some(Format::StravaActivitiesCsv)
    );
    let rows = parse_strava_csv(modern.as_bytes()).expect("modern").rows;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].id, "1001");
    assert_eq!(rows[0].name.as_deref(), Some("Lunch Run"));
    assert_eq!(rows[0].sport, Sport::Run);
    assert_eq!(rows[0].rpe, Some(7.0));
    assert_eq!(
        rows[0].distance_m,
        Some(11274.04),
        "second Distance column, metres"
    );
    assert_eq!(rows[0].filename.as_deref(), Some("activities/1001.fit.gz"));
    assert_eq!(
        rows[0].date,
        Some("2021-09-27T14:13:10Z".parse().expect("ts"))
    );
    assert_eq!(rows[1].sport, Sport::TrailRun);
    assert_eq!(rows[1].rpe, None);
    assert_eq!(rows[2].filename, None, "manual entry without a file");
    assert_eq!(rows[2].sport, Sport::Strength);

    // Older export: lowercase names, no duplicates.
    let old = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n\
42,\"Mar 18, 2018, 7:17:22 PM\",Evening Ride,Ride,,3600,30000,false,,activities/42.tcx.gz\n";
    let rows = parse_strava_csv(old.as_bytes()).expect("old").rows;
    assert_eq!(rows[0].id, "42");
    assert_eq!(rows[0].sport, Sport::Ride);
    assert_eq!(
        rows[0].distance_m, None,
        "a single Distance column has no known unit"
    );
    assert_eq!(rows[0].filename.as_deref(), Some("activities/42.tcx.gz"));
    match decode("activities.csv", old.as_bytes()) {
        Ok(Decoded::StravaIndex(r)) => assert_eq!(r.rows.len(), 1),
        other => panic!("{other:?}"),
    }

    // Attaching to a decoded activity.
    let mut a = keel_core::activity::Activity {
        source: "activities/1002.gpx".into(),
        sport: Sport::Run,
        name: None,
        start: "2021-09-28T06:00:00Z".parse().expect("ts"),
        elapsed_s: 4000.0,
        moving_s: None,
        distance_m: None,
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe: None,
        run_type: None,
        samples: vec![],
        laps: vec![],
        partial: None,
    };
    let rows = parse_strava_csv(modern.as_bytes()).expect("modern").rows;
    attach_strava(&mut a, &rows[1]);
    assert_eq!(a.name.as_deref(), Some("Hills"));
    assert_eq!(a.sport, Sport::TrailRun);

    let bad_rpe = modern.replace(",4.2,7\n", ",4.2,11\n");
    let parsed = parse_strava_csv(bad_rpe.as_bytes()).expect("the other rows");
    assert_eq!(
        parsed
            .rows
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["1002", "1003"],
        "only the bad row is left out"
    );
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].value, "11");
    insta::assert_snapshot!("strava_bad_rpe", parsed.skipped[0].to_string());
    let e = parse_strava_csv(b"name,type\nx,Run\n").expect_err("no id");
    insta::assert_snapshot!("strava_no_id", e.to_string());
}
