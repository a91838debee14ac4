//! The week page's controls: swap an exercise (a page listing the alternatives), move a
//! session, mark it done or skipped. Each form carries its CSRF token and hands what was
//! submitted to keel-app's one door (`keel_app::edits`, `keel_app::marks`), exactly as
//! `keel swap`, `keel move`, `keel done` and `keel skip` do; the write bumps the data
//! version, so every cached plan and page is recomputed on the next request.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use jiff::civil::Date;
use keel_app::edits::{self, EditError};
use keel_app::plan::{plan_in_force, Planned};
use keel_core::edits::MoveError;
use keel_core::marks::MarkStatus;
use keel_core::model::Focus;
use serde::Deserialize;

use crate::backend::LogStore;
use crate::error::AppError;
use crate::pages::render_week;
use crate::planning::planned;
use crate::scope::Scoped;
use crate::security::{check_csrf, see_other, CsrfSecret};
use crate::state::AppState;
use crate::views::short_date;

/// The notice a week page shows after a control did its work (`?done=`).
pub fn notice(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "swap" => "Swap saved: it holds from that day on, in every session that prescribes the exercise.",
            "swap-undone" => "Swap removed: the plan prescribes the exercise again.",
            "move" => "Session moved; the week is re-planned around it.",
            "move-back" => "The session is back on its planned day.",
            "done" => "Marked done.",
            "skipped" => "Marked skipped: it is not made up by doubling another session.",
            "unmarked" => "Mark removed.",
            _ => return None,
        }
        .to_string(),
    )
}

/// A date field: `YYYY-MM-DD` within the dates keel accepts, else 400.
fn date_field(name: &str, s: &str) -> Result<Date, AppError> {
    keel_app::clock::parse_date(s)
        .map_err(|e| AppError::BadRequest(format!("`{name}={}`: {e}.", s.trim())))
}

/// The plan in force on the write connection (fresh: no cached plan can be behind it).
fn fresh_plan(
    state: &AppState,
    s: &LogStore,
) -> Result<(keel_app::clock::Local, Planned), AppError> {
    let local = keel_app::clock::local_for(Some(s), &state.source(), &state.clock())?;
    let p = plan_in_force(
        Some(s),
        &state.source(),
        local.today,
        local.today,
        None,
        &local.tz,
    )?;
    Ok((local, p))
}

/// The week index (1-based) holding `date` in the plan, for the page to go back to.
fn week_of(p: &Planned, date: Date) -> Option<u32> {
    p.base
        .weeks
        .iter()
        .find(|w| w.days.iter().any(|d| d.date == date))
        .map(|w| w.index)
}

fn back_to(week: Option<u32>, done: &str, date: Date) -> Response {
    let week = week.map(|w| w.to_string()).unwrap_or_default();
    see_other(&format!("/?week={week}&done={done}#day-{date}"))
}

/// The week holding the session again, with why the control could not do its work (422).
async fn refused(
    scope: &Scoped,
    csrf: &CsrfSecret,
    week: Option<u32>,
    msg: String,
) -> Result<Response, AppError> {
    let week = week.map(|w| w.to_string());
    render_week(
        scope,
        csrf,
        week,
        None,
        Some(msg),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

// ---------------------------------------------------------------- swap

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SwapQuery {
    date: String,
    exercise: String,
}

/// The swap form as submitted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SwapForm {
    csrf: String,
    date: String,
    exercise: String,
    with: String,
}

/// One alternative on the swap page.
struct AltView {
    id: String,
    name: String,
    equipment: String,
    cue: String,
}

#[derive(Template)]
#[template(path = "swap.html")]
struct SwapPage {
    nav: &'static str,
    account: bool,
    date: String,
    day: String,
    week: String,
    exercise: String,
    name: String,
    planned_id: String,
    planned_name: String,
    swapped: bool,
    alternatives: Vec<AltView>,
    error: Option<String>,
    csrf_swap: String,
    csrf_undo: String,
}

async fn render_swap(
    scope: &Scoped,
    csrf: &CsrfSecret,
    date: Date,
    exercise: String,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let st = scope.state().clone();
    let ex = exercise.clone();
    let (choices, week, editable) = scope
        .read(move |s, v| {
            let local = st.local_on(s, v)?;
            let p = planned(&st, s, v, &local, local.today)?;
            let c = edits::swap_choices(&p, date, &ex)?;
            Ok((c, week_of(&p, date), p.stored()))
        })
        .await?;
    if !editable {
        return Err(AppError::BadRequest(EditError::NotStored.to_string()));
    }
    let page = SwapPage {
        nav: "week",
        account: scope.state().coach_db().is_some(),
        date: date.to_string(),
        day: short_date(date),
        week: week.map(|w| w.to_string()).unwrap_or_default(),
        exercise: choices.shown.id.to_string(),
        name: choices.shown.name.to_string(),
        planned_id: choices.planned.id.to_string(),
        planned_name: choices.planned.name.to_string(),
        swapped: choices.planned.id != choices.shown.id,
        alternatives: choices
            .alternatives
            .iter()
            .map(|a| AltView {
                id: a.exercise.id.to_string(),
                name: a.exercise.name.to_string(),
                equipment: a
                    .equipment
                    .iter()
                    .map(|q| q.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
                cue: a.exercise.cue.to_string(),
            })
            .collect(),
        error,
        csrf_swap: csrf.token("swap"),
        csrf_undo: csrf.token("swap-undo"),
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /swap?date=D&exercise=ID`: the alternatives to an exercise of that day's session.
pub async fn swap_page(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Query(q): Query<SwapQuery>,
) -> Result<Response, AppError> {
    let date = date_field("date", &q.date)?;
    render_swap(&scope, &csrf, date, q.exercise, None, StatusCode::OK).await
}

/// `POST /swap`: stores the swap (from that day on) and goes back to the week.
pub async fn swap(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(f): Form<SwapForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "swap", Some(&f.csrf))?;
    let date = date_field("date", &f.date)?;
    if f.with.trim().is_empty() {
        let msg = "Choose the exercise to do instead.".to_string();
        return render_swap(
            &scope,
            &csrf,
            date,
            f.exercise,
            Some(msg),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let st = scope.state().clone();
    let (exercise, with) = (f.exercise.clone(), f.with.clone());
    let result = scope
        .db(move |s| {
            let (local, p) = fresh_plan(&st, s)?;
            let done = edits::swap(s, &p, date, &exercise, &with);
            if done.is_ok() {
                edits::replan(s, &local)?;
            }
            Ok((done, week_of(&p, date)))
        })
        .await?;
    match result {
        (Ok(_), week) => Ok(back_to(week, "swap", date)),
        (Err(keel_app::AppError::Edit(e)), _) => {
            render_swap(
                &scope,
                &csrf,
                date,
                f.exercise,
                Some(keel_core::text::capitalise(&e.to_string())),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        (Err(e), _) => Err(e.into()),
    }
}

/// The undo form as submitted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UndoSwapForm {
    csrf: String,
    date: String,
    exercise: String,
}

/// `POST /swap/undo`: removes every stored swap of the exercise.
pub async fn undo_swap(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(f): Form<UndoSwapForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "swap-undo", Some(&f.csrf))?;
    let date = date_field("date", &f.date)?;
    let st = scope.state().clone();
    let week = scope
        .db(move |s| {
            let (local, p) = fresh_plan(&st, s)?;
            edits::undo_swap(s, &p, &f.exercise)?;
            edits::replan(s, &local)?;
            Ok(week_of(&p, date))
        })
        .await?;
    Ok(back_to(week, "swap-undone", date))
}

// ---------------------------------------------------------------- move

/// The move form as submitted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    csrf: String,
    date: String,
    focus: String,
    to: String,
}

/// `POST /move`: moves the session when the hard rules allow it on the new day; else the
/// week comes back with the rule and the nearest days that work.
pub async fn move_session(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "move", Some(&f.csrf))?;
    let from = date_field("date", &f.date)?;
    let to = date_field("to", &f.to)?;
    let focus = match f.focus.trim() {
        "" | "strength" => None,
        s => Some(s.parse::<Focus>().map_err(|_| {
            AppError::BadRequest(format!(
                "`focus={s}`: expected one of {}.",
                Focus::ids().join(", ")
            ))
        })?),
    };
    let st = scope.state().clone();
    let (result, week) = scope
        .db(move |s| {
            let (local, p) = fresh_plan(&st, s)?;
            let done = edits::move_session(s, &p, from, focus, to);
            if done.is_ok() {
                edits::replan(s, &local)?;
            }
            Ok((done, week_of(&p, from)))
        })
        .await?;
    match result {
        Ok(done) => Ok(back_to(
            week,
            if done.back { "move-back" } else { "move" },
            to,
        )),
        Err(keel_app::AppError::Edit(EditError::Move(MoveError::Refused(r)))) => {
            let nearest: Vec<String> = r
                .nearest
                .iter()
                .map(|d| {
                    let planned_day = if *d == from { " (its planned day)" } else { "" };
                    format!("{}{planned_day}", short_date(*d))
                })
                .collect();
            let msg = format!(
                "The session of {} cannot move to {}: {} [{}] {}",
                short_date(from),
                short_date(to),
                r.text,
                r.rule,
                if nearest.is_empty() {
                    "No other day of that week takes it.".to_string()
                } else {
                    format!("Nearest days that work: {}.", nearest.join(", "))
                }
            );
            refused(&scope, &csrf, week, msg).await
        }
        Err(keel_app::AppError::Edit(e)) => {
            refused(
                &scope,
                &csrf,
                week,
                keel_core::text::capitalise(&e.to_string()),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- done / skipped

/// The mark form as submitted: `status` is `done`, `skipped` or `undo`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MarkForm {
    csrf: String,
    date: String,
    status: String,
    why: String,
}

/// `POST /mark`: marks the day's session done or skipped, or takes the mark back.
pub async fn mark(
    scope: Scoped,
    Extension(csrf): Extension<CsrfSecret>,
    Form(f): Form<MarkForm>,
) -> Result<Response, AppError> {
    check_csrf(&csrf, "mark", Some(&f.csrf))?;
    let date = date_field("date", &f.date)?;
    let status = match f.status.trim() {
        "done" => Some(MarkStatus::Done),
        "skipped" => Some(MarkStatus::Skipped),
        "undo" => None,
        s => {
            return Err(AppError::BadRequest(format!(
                "`status={s}`: expected done, skipped or undo."
            )))
        }
    };
    let st = scope.state().clone();
    let why = f.why.clone();
    let (result, week) = scope
        .db(move |s| {
            let (local, p) = fresh_plan(&st, s)?;
            let done = match status {
                Some(m) => keel_app::marks::mark(s, &p, date, m, &why, local.today).map(|_| ()),
                None => keel_app::marks::unmark(s, &p, date),
            };
            Ok((done, week_of(&p, date)))
        })
        .await?;
    let done = match status {
        Some(MarkStatus::Done) => "done",
        Some(MarkStatus::Skipped) => "skipped",
        None => "unmarked",
    };
    match result {
        Ok(()) => Ok(back_to(week, done, date)),
        Err(keel_app::AppError::Edit(e)) => {
            refused(
                &scope,
                &csrf,
                week,
                keel_core::text::capitalise(&e.to_string()),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
