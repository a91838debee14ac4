//! Routes and handlers: each parses its input, calls the library crates, renders.

use std::sync::Arc;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Query};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Extension, Form, Router};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use keel_app::clock::Local;
use keel_core::activity::StrengthWorkout;
use keel_store::Store;
use serde::Deserialize;

use crate::backend::LogStore;
use crate::cache::{DataKey, Page};
use crate::error::AppError;
use crate::forms::{field_errors, CheckinForm, FieldErrors, LiftForm, RunForm};
use crate::planning::{cached_page, planned};
use crate::scope::Scoped;
use crate::security::{check_csrf, see_other, CsrfSecret};
use crate::state::AppState;
use crate::views;
use crate::{accounts_pages, dashboard, load, upload};
use keel_app::today::{outside_plan_doc, today_doc, write_today_json};

/// The content type of every HTML page.
const HTML: &str = "text/html; charset=utf-8";
/// The content type of the JSON APIs.
const JSON: &str = "application/json";

const CSS: &str = include_str!("../static/keel.css");
const UPLOAD_JS: &str = include_str!("../static/upload.js");

/// Forms other than uploads are small.
const FORM_LIMIT: usize = 64 * 1024;

/// Every route of the server: (methods, path pattern). The router refuses to start with a
/// route missing here, and coach mode's isolation test has a case for each entry (a new
/// route without one fails it).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/season"),
    ("GET", "/log"),
    ("POST", "/log/run"),
    ("POST", "/log/lift"),
    ("POST", "/checkin"),
    ("GET POST", "/swap"),
    ("POST", "/swap/undo"),
    ("POST", "/move"),
    ("POST", "/mark"),
    ("POST", "/upload"),
    ("GET", "/load"),
    ("GET", "/calendar.ics"),
    ("GET", "/api/plan"),
    ("GET", "/api/today"),
    ("GET", "/api/load"),
    ("GET", "/static/keel.css"),
    ("GET", "/static/upload.js"),
    ("GET POST", "/profile"),
    ("GET POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/home"),
    ("GET", "/account"),
    ("POST", "/account/feed"),
    ("POST", "/account/password"),
    ("POST", "/account/coaches/{id}/leave"),
    ("GET", "/feed/{file}"),
    ("GET POST", "/invite/{token}"),
    ("GET", "/coach"),
    ("GET POST", "/coach/invite"),
    ("GET", "/coach/athletes/{id}"),
    ("GET POST", "/coach/athletes/{id}/note"),
];

/// Adds a route that [`ROUTES`] lists.
trait At {
    fn at(self, path: &'static str, route: axum::routing::MethodRouter<AppState>) -> Self;
}

impl At for Router<AppState> {
    fn at(self, path: &'static str, route: axum::routing::MethodRouter<AppState>) -> Self {
        assert!(
            ROUTES.iter().any(|(_, p)| *p == path),
            "the route {path} is missing from keel_web::ROUTES"
        );
        self.route(path, route)
    }
}

/// Builds the router with the security middleware around every route.
pub fn router(state: AppState) -> Router {
    let upload_limit = state.config().upload_limit;
    Router::new()
        .at("/", get(week_page))
        .at("/season", get(season_page))
        .at("/log", get(log_page))
        .at("/log/run", post(log_run))
        .at("/log/lift", post(log_lift))
        .at("/checkin", post(checkin))
        .at(
            "/swap",
            get(crate::actions::swap_page).post(crate::actions::swap),
        )
        .at("/swap/undo", post(crate::actions::undo_swap))
        .at("/move", post(crate::actions::move_session))
        .at("/mark", post(crate::actions::mark))
        .at(
            "/upload",
            // Room for the multipart framing around the file itself.
            post(upload_file).layer(DefaultBodyLimit::max(
                upload_limit.saturating_add(64 * 1024),
            )),
        )
        .at("/load", get(load_page))
        .at("/calendar.ics", get(calendar))
        .at("/api/plan", get(api_plan))
        .at("/api/today", get(api_today))
        .at("/api/load", get(api_load))
        .at("/static/keel.css", get(css))
        .at(
            "/profile",
            get(accounts_pages::profile_page).post(accounts_pages::save_profile),
        )
        .at(
            "/login",
            get(accounts_pages::login_page).post(accounts_pages::login),
        )
        .at("/logout", post(accounts_pages::logout))
        .at("/home", get(accounts_pages::home))
        .at("/account", get(accounts_pages::account_page))
        .at("/account/feed", post(accounts_pages::feed_secret))
        .at("/account/password", post(crate::password::change_password))
        .at(
            "/account/coaches/{id}/leave",
            post(accounts_pages::leave_coach),
        )
        .at("/feed/{file}", get(accounts_pages::feed))
        .at(
            "/invite/{token}",
            get(accounts_pages::invite_page).post(accounts_pages::accept_invite),
        )
        .at("/coach", get(dashboard::dashboard))
        .at(
            "/coach/invite",
            get(accounts_pages::new_invite_page).post(accounts_pages::create_invite),
        )
        .at("/coach/athletes/{id}", get(accounts_pages::open_athlete))
        .at(
            "/coach/athletes/{id}/note",
            get(accounts_pages::note_page).post(accounts_pages::add_note),
        )
        .at("/static/upload.js", get(upload_js))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::security::guard,
        ))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let e = AppError::NotFound(format!("There is no page at {}.", uri.path()));
    if uri.path().starts_with("/api/") {
        e.into_json()
    } else {
        e.into_response()
    }
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

async fn upload_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        UPLOAD_JS,
    )
        .into_response()
}

// ---------------------------------------------------------------- week

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WeekQuery {
    pub(crate) week: Option<String>,
    /// What a control just did (`swap`, `move`, `mark`), for the notice.
    pub(crate) done: Option<String>,
}

#[derive(Template)]
#[template(path = "week.html")]
struct WeekPage {
    nav: &'static str,
    account: bool,
    w: views::WeekView,
    /// What a control just did, or why it could not.
    notice: Option<String>,
    error: Option<String>,
    csrf_move: String,
    csrf_mark: String,
}

async fn week_page(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Query(q): Query<WeekQuery>,
) -> Result<Response, AppError> {
    let notice = crate::actions::notice(q.done.as_deref());
    render_week(&scope, &csrf, q.week, notice, None, StatusCode::OK).await
}

/// The week page for `week` (1-based, as typed; the current week when absent): its view
/// from the cache when the log has not changed, its forms' tokens for this browser.
pub(crate) async fn render_week(
    scope: &Scoped,
    csrf: &CsrfSecret,
    week: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let week = week
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let route = format!("/?week={}", week.as_deref().unwrap_or(""));
    let st = scope.state().clone();
    let w = scope
        .read(move |s, v| {
            let local = st.local_on(s, v)?;
            let key = (v, local.today, route);
            if let Some(hit) = st.caches().weeks.get(&key) {
                return Ok(hit);
            }
            let w = Arc::new(week_view(&st, s, v, &local, week.as_deref())?);
            st.caches().weeks.put(key, w.clone());
            Ok(w)
        })
        .await?;
    let page = WeekPage {
        nav: "week",
        account: scope.state().coach_db().is_some(),
        w: (*w).clone(),
        notice,
        error,
        csrf_move: csrf.token("move"),
        csrf_mark: csrf.token("mark"),
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The week page's view: the plan in force, its adjustments on their days, and each
/// strength session's actions area.
fn week_view(
    st: &AppState,
    s: &LogStore,
    v: DataKey,
    local: &Local,
    week: Option<&str>,
) -> Result<views::WeekView, AppError> {
    let today = local.today;
    let planned = planned(st, s, v, local, today)?;
    let plan = &planned.plan;
    if plan.weeks.is_empty() {
        return Err(AppError::NotFound("The plan has no weeks.".into()));
    }
    let i = match week {
        None => views::current_week(plan, today),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=plan.weeks.len()).contains(&n) => n - 1,
            _ => {
                return Err(AppError::BadRequest(format!(
                    "Week `{s}` does not exist: the plan has weeks 1 to {}.",
                    plan.weeks.len()
                )))
            }
        },
    };
    let mut w = views::week_view(plan, i, today, &planned.changes)
        .ok_or_else(|| AppError::NotFound("No such week.".into()))?;
    let days = &plan.weeks[i].days;
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        let states = keel_app::marks::states(s, &planned, first.date, last.date, today)?;
        views::add_actions(&mut w, &states, today, planned.stored());
    }
    if planned.stored() {
        w.compliance = Some(keel_app::marks::compliance(s, &planned, today)?.line());
    }
    Ok(w)
}

// ---------------------------------------------------------------- season

#[derive(Template)]
#[template(path = "season.html")]
struct SeasonPage {
    nav: &'static str,
    account: bool,
    s: views::SeasonView,
}

async fn season_page(scope: Scoped) -> Result<Response, AppError> {
    let page = cached_page(&scope, "/season".into(), |st, store, v, local| {
        let planned = planned(st, store, v, local, local.today)?;
        let s = views::season_view(&planned.plan, local.today);
        Ok(Page::ok(
            HTML,
            SeasonPage {
                nav: "season",
                account: st.coach_db().is_some(),
                s,
            }
            .render()?,
        ))
    })
    .await?;
    Ok(page.response())
}

// ---------------------------------------------------------------- log

/// One row of the recent activities table.
#[derive(Clone)]
struct ActivityRow {
    when: String,
    sport: String,
    name: String,
    duration: String,
    distance: String,
    hr: String,
    rpe: String,
    note: String,
}

/// One row of the strength table.
#[derive(Clone)]
struct WorkoutRow {
    date: String,
    name: String,
    sets: String,
}

/// One row of the check-in table.
#[derive(Clone)]
struct CheckinRow {
    date: String,
    values: Vec<String>,
    sleep: String,
    ill: bool,
}

/// One row of the imported-files table.
#[derive(Clone)]
struct FileRow {
    name: String,
    result: String,
    detail: String,
}

/// One rated item of the check-in form.
struct ItemView {
    field: &'static str,
    label: &'static str,
    best: &'static str,
    worst: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "log.html")]
struct LogPage {
    nav: &'static str,
    account: bool,
    today: String,
    notice: Option<String>,
    activities: Vec<ActivityRow>,
    workouts: Vec<WorkoutRow>,
    checkins: Vec<CheckinRow>,
    checkin_labels: Vec<&'static str>,
    files: Vec<FileRow>,
    run: RunForm,
    run_err: FieldErrors,
    run_types: Vec<&'static str>,
    lift: LiftForm,
    lift_err: FieldErrors,
    exercises: Vec<(String, String)>,
    checkin: CheckinForm,
    checkin_err: FieldErrors,
    items: Vec<ItemView>,
    upload_err: Option<String>,
    upload_limit_mb: usize,
    csrf_run: String,
    csrf_lift: String,
    csrf_checkin: String,
    csrf_upload: String,
}

/// What a log page shows besides its forms (the same for every browser: cached).
#[derive(Default)]
pub(crate) struct LogData {
    activities: Vec<ActivityRow>,
    workouts: Vec<WorkoutRow>,
    checkins: Vec<CheckinRow>,
    files: Vec<FileRow>,
}

fn fmt_minutes(secs: f64) -> String {
    let m = (secs / 60.0).round() as i64;
    if m >= 60 {
        format!("{}h{:02}", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

fn fmt_sets(w: &StrengthWorkout) -> String {
    // Group consecutive equal sets: "goblet-squat 3x10@16kg".
    let mut parts: Vec<(String, u32, String)> = Vec::new();
    for s in &w.sets {
        let dose = format!(
            "{}{}",
            s.reps.map_or("?".to_string(), |r| r.to_string()),
            s.weight_kg
                .map(|kg| format!("@{}kg", (kg * 10.0).round() / 10.0))
                .unwrap_or_default()
        );
        match parts.last_mut() {
            Some((ex, n, d)) if *ex == s.exercise && *d == dose => *n += 1,
            _ => parts.push((s.exercise.clone(), 1, dose)),
        }
    }
    parts
        .into_iter()
        .map(|(ex, n, d)| format!("{ex} {n}x{d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Today where the runner lives and the log page's tables, from the cache when the log
/// has not changed.
async fn log_data(scope: &Scoped) -> Result<(Local, Arc<LogData>), AppError> {
    let st = scope.state().clone();
    scope
        .read(move |s, v| {
            let local = st.local_on(s, v)?;
            let key = (v, local.today);
            if let Some(hit) = st.caches().log.get(&key) {
                return Ok((local, hit));
            }
            let data = Arc::new(read_log_data(s, local.today, &local.tz)?);
            st.caches().log.put(key, data.clone());
            Ok((local, data))
        })
        .await
}

/// The rows the log page shows, and nothing more: the newest 30 activities and workouts,
/// two weeks of check-ins, the last 10 files.
fn read_log_data(s: &LogStore, today: Date, tz: &TimeZone) -> Result<LogData, AppError> {
    let to_ts = today
        .saturating_add(1.day())
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .map_err(|e| AppError::internal("date", e))?;
    // The most recent ones whatever their age: an old file just uploaded shows too.
    let activities = s
        .recent_activities(to_ts, 30)?
        .into_iter()
        .map(|sa| {
            let a = sa.activity;
            ActivityRow {
                when: {
                    let z = a.start.to_zoned(tz.clone());
                    let fmt = if z.year() == today.year() {
                        "%a %-d %b %H:%M"
                    } else {
                        "%a %-d %b %Y %H:%M"
                    };
                    z.strftime(fmt).to_string()
                },
                sport: a
                    .run_type
                    .map(|t| format!("{} ({t})", a.sport))
                    .unwrap_or_else(|| a.sport.to_string()),
                name: a.name.clone().unwrap_or_else(|| a.source.clone()),
                duration: fmt_minutes(a.moving_s.unwrap_or(a.elapsed_s)),
                distance: a
                    .distance_m
                    .map(|m| format!("{:.1} km", m / 1000.0))
                    .unwrap_or_default(),
                hr: a.avg_hr.map(|h| h.to_string()).unwrap_or_default(),
                rpe: a.rpe.map(|r| format!("{r:.0}")).unwrap_or_default(),
                note: a
                    .partial
                    .as_ref()
                    .map(|p| format!("partial: {p}"))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let workouts = s
        .recent_workouts(today, 30)?
        .into_iter()
        .map(|w| WorkoutRow {
            date: views::short_date(w.workout.date),
            name: w.workout.name.clone(),
            sets: fmt_sets(&w.workout),
        })
        .collect();
    let mut cs = s.checkins(today.saturating_sub(13.days()), today)?;
    cs.reverse();
    let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
    let checkins = cs
        .into_iter()
        .map(|c| CheckinRow {
            date: views::short_date(c.date),
            values: vec![
                opt(c.sleep_quality),
                opt(c.fatigue),
                opt(c.soreness_legs),
                opt(c.soreness_upper),
                opt(c.mood),
                opt(c.stress),
                opt(c.motivation),
            ],
            sleep: c.sleep_h.map(|h| format!("{h:.1} h")).unwrap_or_default(),
            ill: c.ill,
        })
        .collect();
    let files = s
        .recent_files(10)?
        .into_iter()
        .map(|f| FileRow {
            name: f.name,
            result: f.result.as_str().to_string(),
            detail: f.detail.unwrap_or_default(),
        })
        .collect();
    Ok(LogData {
        activities,
        workouts,
        checkins,
        files,
    })
}

#[derive(Debug, Default, Deserialize)]
struct LogQuery {
    done: Option<String>,
    a: Option<u32>,
    w: Option<u32>,
    d: Option<u32>,
    r: Option<u32>,
    s: Option<u32>,
    ex: Option<String>,
    replaced: Option<String>,
}

fn notice(q: &LogQuery) -> Option<String> {
    match q.done.as_deref()? {
        "run" => Some("Run logged.".into()),
        "lift" => Some(match &q.ex {
            Some(ex) => format!("Lift logged as {ex}."),
            None => "Lift logged.".into(),
        }),
        "checkin" if q.replaced.is_some() => {
            Some("Check-in saved (it replaces the earlier one for that day).".into())
        }
        "checkin" => Some("Check-in saved.".into()),
        "upload" => Some(format!(
            "Upload done: {} activities and {} strength workouts added; {} duplicate files; {} rejected{}.",
            q.a.unwrap_or(0),
            q.w.unwrap_or(0),
            q.d.unwrap_or(0),
            q.r.unwrap_or(0),
            match q.s.unwrap_or(0) {
                0 => String::new(),
                n => format!("; {n} CSV rows could not be read and were left out"),
            }
        )),
        _ => None,
    }
}

fn exercise_choices() -> Vec<(String, String)> {
    keel_core::exercises::LIBRARY
        .iter()
        .map(|e| (e.id.to_string(), e.name.to_string()))
        .collect()
}

/// Forms and errors for one render of the log page.
#[derive(Default)]
struct LogForms {
    run: RunForm,
    run_err: FieldErrors,
    lift: LiftForm,
    lift_err: FieldErrors,
    checkin: CheckinForm,
    checkin_err: FieldErrors,
    upload_err: Option<String>,
}

async fn render_log(
    scope: &Scoped,
    csrf: &CsrfSecret,
    forms: LogForms,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (local, data) = log_data(scope).await?;
    let today = local.today;
    let items = keel_app::checkin::ITEMS
        .iter()
        .map(|(field, label, best, worst)| {
            let field = field.form_name();
            ItemView {
                field,
                label,
                best,
                worst,
                value: forms.checkin.item(field).trim().to_string(),
                error: forms.checkin_err.get(field).cloned(),
            }
        })
        .collect();
    let page = LogPage {
        nav: "log",
        account: scope.athlete().is_some(),
        today: today.to_string(),
        notice,
        activities: data.activities.clone(),
        workouts: data.workouts.clone(),
        checkins: data.checkins.clone(),
        checkin_labels: keel_app::checkin::ITEMS.iter().map(|i| i.1).collect(),
        files: data.files.clone(),
        run: forms.run,
        run_err: forms.run_err,
        run_types: keel_app::log::loggable_run_types(),
        lift: forms.lift,
        lift_err: forms.lift_err,
        exercises: exercise_choices(),
        checkin: forms.checkin,
        checkin_err: forms.checkin_err,
        items,
        upload_err: forms.upload_err,
        upload_limit_mb: scope.state().config().upload_limit / (1024 * 1024),
        csrf_run: csrf.token("run"),
        csrf_lift: csrf.token("lift"),
        csrf_checkin: csrf.token("checkin"),
        csrf_upload: csrf.token("upload"),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn log_page(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Query(q): Query<LogQuery>,
) -> Result<Response, AppError> {
    render_log(
        &scope,
        &csrf,
        LogForms::default(),
        notice(&q),
        StatusCode::OK,
    )
    .await
}

async fn log_run(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<RunForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "run", Some(&form.csrf))?;
    let local = scope.local().await?;
    match keel_app::log::run_from_input(&form.input(), &local) {
        Ok(run) => {
            scope
                .db(move |s| Ok(keel_app::log::log_run(s, &run)?))
                .await?;
            Ok(see_other("/log?done=run"))
        }
        Err(errors) => {
            let forms = LogForms {
                run: form,
                run_err: field_errors(&errors),
                ..LogForms::default()
            };
            render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn log_lift(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<LiftForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "lift", Some(&form.csrf))?;
    let local = scope.local().await?;
    let aliases = scope
        .read(|s, _| Ok(keel_app::import::exercise_aliases(s).unwrap_or_default()))
        .await?;
    match keel_app::log::lift_from_input(&form.input(), &local, &aliases) {
        Ok(lift) => {
            let id = lift.exercise.id().to_string();
            scope
                .db(move |s| Ok(keel_app::log::log_lift(s, &lift)?))
                .await?;
            Ok(see_other(&format!(
                "/log?done=lift&ex={}",
                query_escape(&id)
            )))
        }
        Err(errors) => {
            let forms = LogForms {
                lift: form,
                lift_err: field_errors(&errors),
                ..LogForms::default()
            };
            render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// Percent-encodes a query value (exercise ids are kebab-case; anything else is escaped).
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn checkin(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(form): Form<CheckinForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "checkin", Some(&form.csrf))?;
    let local = scope.local().await?;
    match keel_app::checkin::checkin_from_input(&form.input(), &local) {
        Ok(c) => {
            // Stored, and the plan reacts at once: the adjustments in force are recorded
            // (as `keel checkin` does). A missing or broken profile does not undo it.
            let source = scope.state().source();
            let recorded = scope
                .db(move |s| Ok(keel_app::checkin::record(s, &c, &source, &local)?))
                .await?;
            if let Err(why) = &recorded.adjustments {
                eprintln!(
                    "keel serve: check-in stored, adjustments not recorded: {}",
                    keel_app::text::line(why)
                );
            }
            Ok(see_other(if recorded.replaced {
                "/log?done=checkin&replaced=1"
            } else {
                "/log?done=checkin"
            }))
        }
        Err(errors) => {
            let forms = LogForms {
                checkin: form,
                checkin_err: field_errors(&errors),
                ..LogForms::default()
            };
            render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

async fn upload_file(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    // At most `max_imports` uploads at once, from the first byte of the body to the last
    // commit: memory stays bounded whatever the clients send.
    let Some(permit) = scope.state().try_import() else {
        return Err(AppError::Busy);
    };
    let limit = scope.state().config().upload_limit;
    let mut token_ok = false;
    let mut saved: Option<(String, std::fs::File)> = None;
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge(limit)
        } else {
            AppError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => {
                let v = field.text().await.map_err(bad)?;
                check_csrf(&csrf, "upload", Some(&v))?;
                token_ok = true;
            }
            Some("file") if token_ok => {
                let name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_default();
                if name.is_empty() {
                    // The browser sends an empty part when no file was chosen.
                    while field.chunk().await.map_err(bad)?.is_some() {}
                    continue;
                }
                let mut tmp =
                    tempfile::tempfile().map_err(|e| AppError::internal("temporary file", e))?;
                let mut size = 0usize;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    size += chunk.len();
                    if size > limit {
                        return Err(AppError::TooLarge(limit));
                    }
                    std::io::Write::write_all(&mut tmp, &chunk)
                        .map_err(|e| AppError::internal("temporary file", e))?;
                }
                saved = Some((name, tmp));
            }
            Some("file") => return Err(AppError::Forbidden(
                "The upload form's token must come before the file: reload the page and try again."
                    .into(),
            )),
            _ => while field.chunk().await.map_err(bad)?.is_some() {},
        }
    }
    if !token_ok {
        check_csrf(&csrf, "upload", None)?;
    }
    let Some((name, file)) = saved else {
        let forms = LogForms {
            upload_err: Some("Choose a file to upload first.".into()),
            ..LogForms::default()
        };
        return render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let db = scope.opener();
    let result = tokio::task::spawn_blocking(move || {
        let summary = upload::import_upload(&db, &name, file);
        drop(permit);
        summary
    })
    .await
    .map_err(|e| AppError::internal("upload task", e));
    scope.state().fresh().data_changed();
    let result = result?;
    match result {
        Ok(sum) if sum.imported + sum.duplicates == 0 && !sum.rejected.is_empty() => {
            let forms = LogForms {
                upload_err: Some(format!("Nothing was imported. {}", sum.rejected.join("; "))),
                ..LogForms::default()
            };
            render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Ok(sum) => Ok(see_other(&format!(
            "/log?done=upload&a={}&w={}&d={}&r={}{}",
            sum.activities,
            sum.workouts,
            sum.duplicates,
            sum.rejected.len(),
            match sum.skipped_rows_total {
                0 => String::new(),
                n => format!("&s={n}"),
            }
        ))),
        Err(AppError::BadRequest(msg)) => {
            let forms = LogForms {
                upload_err: Some(msg),
                ..LogForms::default()
            };
            render_log(&scope, &csrf, forms, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- load

#[derive(Debug, Default, Deserialize)]
struct LoadQuery {
    weeks: Option<String>,
    date: Option<String>,
}

fn weeks_param(q: &LoadQuery, default: u32) -> Result<u32, AppError> {
    match q.weeks.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => match s.parse::<u32>() {
            Ok(n) if (1..=520).contains(&n) => Ok(n),
            _ => Err(AppError::BadRequest(format!(
                "`weeks={s}`: expected a number of weeks from 1 to 520."
            ))),
        },
    }
}

/// A `date=` query value: `YYYY-MM-DD` within the dates keel accepts, else 400.
fn date_query(q: Option<&str>) -> Result<Option<Date>, AppError> {
    match q.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => keel_app::clock::parse_date(s)
            .map(Some)
            .map_err(|e| AppError::BadRequest(format!("`date={s}`: {e}."))),
    }
}

#[derive(Template)]
#[template(path = "load.html")]
struct LoadPage {
    nav: &'static str,
    account: bool,
    v: load::LoadView,
}

async fn load_page(scope: Scoped, Query(q): Query<LoadQuery>) -> Result<Response, AppError> {
    let weeks = weeks_param(&q, 12)?;
    let date = date_query(q.date.as_deref())?;
    let page = cached_page(
        &scope,
        format!("/load?{date:?}&{weeks}"),
        move |st, s, v, local| {
            let to = date.unwrap_or(local.today);
            let data = load::gather(st, s, v, to, weeks)?;
            let v = load::view(&data, to, weeks);
            Ok(Page::ok(
                HTML,
                LoadPage {
                    nav: "load",
                    account: st.coach_db().is_some(),
                    v,
                }
                .render()?,
            ))
        },
    )
    .await?;
    Ok(page.response())
}

/// `keel load --format json` over HTTP: the same defaults (6 weeks to today).
async fn api_load(scope: Result<Scoped, AppError>, Query(q): Query<LoadQuery>) -> Response {
    // Refusals (no session, no athlete open) in JSON too, like every other error here.
    let scope = match scope {
        Ok(s) => s,
        Err(e) => return e.into_json(),
    };
    let run = async {
        let weeks = weeks_param(&q, 6)?;
        let date = date_query(q.date.as_deref())?;
        cached_page(
            &scope,
            format!("/api/load?{date:?}&{weeks}"),
            move |st, s, v, local| {
                let to = date.unwrap_or(local.today);
                let data = load::gather(st, s, v, to, weeks)?;
                Ok(Page::ok(JSON, load::json(&data)?))
            },
        )
        .await
    };
    match run.await {
        Ok(page) => page.response(),
        Err(e) => e.into_json(),
    }
}

// ---------------------------------------------------------------- api, calendar

async fn api_plan(scope: Result<Scoped, AppError>) -> Response {
    // Refusals (no session, no athlete open) in JSON too, like every other error here.
    let scope = match scope {
        Ok(s) => s,
        Err(e) => return e.into_json(),
    };
    let page = cached_page(&scope, "/api/plan".into(), |st, s, v, local| {
        let planned = planned(st, s, v, local, local.today)?;
        let mut body = Vec::new();
        keel_export::json::write_plan_json(&planned.plan, &mut body)
            .map_err(|e| AppError::internal("plan json", e))?;
        Ok(Page::ok(JSON, body))
    });
    match page.await {
        Ok(page) => page.response(),
        Err(e) => e.into_json(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct TodayQuery {
    date: Option<String>,
}

/// `keel today --format json` over HTTP (and, like it, records the adjustments in force
/// when the plan is the stored profile's: once per data version, since recording what is
/// already recorded changes nothing). Outside the season it is still `keel.today/1`, with
/// no sessions and a note.
async fn api_today(scope: Result<Scoped, AppError>, Query(q): Query<TodayQuery>) -> Response {
    // Refusals (no session, no athlete open) in JSON too, like every other error here.
    let scope = match scope {
        Ok(s) => s,
        Err(e) => return e.into_json(),
    };
    let run = async {
        let date = date_query(q.date.as_deref())?;
        let st = scope.state().clone();
        let (page, record) = scope
            .read(move |s, v| {
                let local = st.local_on(s, v)?;
                let date = date.unwrap_or(local.today);
                let key = (v, local.today, format!("/api/today?{date}"));
                if let Some(hit) = st.caches().pages.get(&key) {
                    return Ok((hit, None));
                }
                let p = planned(&st, s, v, &local, date)?;
                let compliance = p
                    .stored()
                    .then(|| keel_app::marks::compliance(s, &p, date))
                    .transpose()?;
                let page = Arc::new(Page::ok(JSON, today_json(&p, date, compliance.as_ref())?));
                st.caches().pages.put(key, page.clone());
                Ok((page, p.stored().then(|| (date, p.changes.clone()))))
            })
            .await?;
        if let Some((date, changes)) = record {
            scope
                .db(move |s| Ok(keel_app::adapt::record(s, date, &changes)?))
                .await?;
        }
        Ok::<_, AppError>(page)
    };
    match run.await {
        Ok(page) => page.response(),
        Err(e) => e.into_json(),
    }
}

/// The `keel.today/1` document for `date`: the day's sessions, or outside the season none
/// and a note.
fn today_json(
    p: &keel_app::plan::Planned,
    date: Date,
    compliance: Option<&keel_core::marks::Compliance>,
) -> Result<Vec<u8>, AppError> {
    let body_mass = p.profile.profile.athlete.body_mass_kg;
    let in_plan = p
        .inputs
        .as_ref()
        .and_then(|inputs| today_doc(date, &p.base, &p.plan, &p.changes, inputs, body_mass));
    let mut body = Vec::new();
    match in_plan {
        Some(doc) => match compliance {
            Some(c) => write_today_json(&doc.with_compliance(c), &mut body),
            None => write_today_json(&doc, &mut body),
        },
        None => write_today_json(
            &outside_plan_doc(date, &p.plan, p.inputs.as_ref(), body_mass),
            &mut body,
        ),
    }
    .map_err(|e| AppError::internal("today json", e))?;
    Ok(body)
}

/// The plan in force as iCalendar. SEQUENCE records are saved only when an event changed,
/// so an unchanged feed is served from the cache without writing.
async fn calendar(scope: Scoped) -> Result<Response, AppError> {
    calendar_of(scope).await
}

/// The calendar of the log `scope` is bound to (`/calendar.ics`, coach mode's feeds).
pub(crate) async fn calendar_of(scope: Scoped) -> Result<Response, AppError> {
    let st = scope.state().clone();
    let (page, save) = scope
        .read(move |s, v| {
            let local = st.local_on(s, v)?;
            let today = local.today;
            let key = (v, today, "/calendar.ics".to_string());
            if let Some(hit) = st.caches().pages.get(&key) {
                return Ok((hit, None));
            }
            let planned = planned(&st, s, v, &local, today)?;
            let (profile, plan) = (&planned.profile.profile, &planned.plan);
            let mut opts = keel_export::ics::IcsOptions::from_schedule(profile.schedule.as_ref())
                .map_err(|e| AppError::Profile(e.to_string()))?;
            opts.from = Some(today);
            keel_app::calendar::known_records(Some(s), &mut opts)?;
            let mut body = Vec::new();
            let records = keel_export::ics::write_ics(plan, &opts, &mut body)
                .map_err(|e| AppError::internal("calendar", e))?;
            let page = Arc::new(Page {
                status: StatusCode::OK,
                headers: vec![
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (header::CONTENT_DISPOSITION, "inline; filename=\"keel.ics\""),
                ],
                body: body.into(),
            });
            st.caches().pages.put(key, page.clone());
            Ok((page, Some((opts.known, records))))
        })
        .await?;
    if let Some((known, records)) = save {
        scope
            .db(move |s| Ok(keel_app::calendar::save_records(s, &known, &records)?))
            .await?;
    }
    Ok(page.response())
}
