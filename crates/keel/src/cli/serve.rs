//! `keel serve`: the local web app over the same database as the CLI.

use crate::settings::Global;
use anyhow::Context;
use jiff::civil::Date;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the web app (week, season, log, load) and the calendar feed.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind; anything but loopback needs --token.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Access token required on every request (Authorization: Bearer, or open /?token=...).
    #[arg(long, env = "KEEL_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Plan from this profile file instead of the stored one.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Largest accepted upload in megabytes.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub upload_limit_mb: u64,
    /// Also answer to this host name (repeatable): requests addressed to any other name
    /// than the bound address and localhost are refused (DNS rebinding).
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Uploads imported at once; more are answered 503 with Retry-After.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub max_imports: u16,
    /// Coach mode: serve many athletes with accounts from this PostgreSQL database
    /// (postgres://user:password@host:port/dbname) instead of the local SQLite log.
    #[command(flatten)]
    pub database: crate::settings::Database,
    /// Coach mode: the coach's dashboard reads this PostgreSQL replica of --database (a
    /// streaming replica) instead of the primary; sessions and writes stay on the primary.
    #[arg(
        long = "read-database",
        env = "KEEL_READ_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub read_database: Option<String>,
    /// Pretend today is DATE, YYYY-MM-DD (demos and tests).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub today: Option<Date>,
}

impl ServeArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let database = self.database.url.filter(|u| !u.trim().is_empty());
        let mut config = keel_web::Config::new(match database {
            Some(_) => std::path::PathBuf::new(),
            None => global.db_path()?,
        });
        config.database = database;
        config.read_database = self.read_database.filter(|u| !u.trim().is_empty());
        config.bind = SocketAddr::new(self.bind, self.port);
        config.token = self.token.filter(|t| !t.is_empty());
        config.today = self.today;
        config.allow_hosts = self.allow_hosts;
        config.max_imports = usize::from(self.max_imports);
        config.upload_limit = usize::try_from(self.upload_limit_mb * 1024 * 1024)
            .context("--upload-limit-mb is too large for this machine")?;
        if let Some(path) = &self.profile {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the profile {}", path.display()))?;
            // Fail now, not on the first page view.
            keel_profile::parse_profile(&path.display().to_string(), &text)?;
            config.profile = Some((path.display().to_string(), text));
        }
        config.validate()?;
        let token = config.token.clone();
        let coach = config.database.is_some();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        runtime.block_on(async move {
            let server = keel_web::Server::bind(config).await?;
            let addr = server.addr;
            let host = if addr.ip().is_unspecified() {
                "127.0.0.1".to_string()
            } else if addr.is_ipv6() {
                format!("[{}]", addr.ip())
            } else {
                addr.ip().to_string()
            };
            match &token {
                _ if coach => eprintln!(
                    "keel: coach mode on http://{host}:{}/login ; Ctrl-C stops",
                    addr.port()
                ),
                Some(_) => eprintln!(
                    "keel: serving on http://{host}:{} (open http://{host}:{}/?token=<your token> once in each browser); Ctrl-C stops",
                    addr.port(),
                    addr.port()
                ),
                None => eprintln!("keel: serving on http://{host}:{}/ ; Ctrl-C stops", addr.port()),
            }
            server
                .run(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
            Ok::<_, anyhow::Error>(())
        })?;
        Ok(ExitCode::SUCCESS)
    }
}
