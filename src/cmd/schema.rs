//! `careleaf schema front-matter|site`: the JSON Schema of a page's front-matter or of
//! `site.yaml`, made from the types careleaf reads them with, so an editor's YAML
//! extension (VS Code's, or any YAML language server) completes and checks keys as an
//! author types. `init` and `new condition` point files at it with a
//! `# yaml-language-server: $schema=…` line.

use std::process::ExitCode;

/// Which file's schema.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Which {
    /// A page's front-matter (between the `---` lines of a Markdown file).
    FrontMatter,
    /// `site.yaml`.
    Site,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// `front-matter` or `site`.
    which: Which,
    /// Print the top-level keys as a Markdown table (key and description) instead:
    /// the reference in README.md, which a test keeps equal to this.
    #[arg(long)]
    table: bool,
}

/// Where `init` puts the schemas in a site, and the name of each.
pub const SCHEMA_DIR: &str = "schemas";

impl Which {
    /// The schema's file name under [`SCHEMA_DIR`].
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Which::FrontMatter => "front-matter.schema.json",
            Which::Site => "site.schema.json",
        }
    }

    fn schema(self) -> schemars::Schema {
        match self {
            Which::FrontMatter => crate::content::frontmatter::schema(),
            Which::Site => crate::config::schema(),
        }
    }

    /// The schema, as pretty JSON with a final newline.
    #[must_use]
    pub fn json(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Each top-level key with its description, in the order the type declares them.
    #[must_use]
    pub fn keys(self) -> Vec<(String, String)> {
        let schema = self.schema();
        let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) else {
            return Vec::new();
        };
        properties
            .iter()
            .map(|(key, value)| {
                let description = value
                    .get("description")
                    .and_then(|d| d.as_str())
                    .unwrap_or("")
                    .replace('\n', " ");
                (key.clone(), description)
            })
            .collect()
    }

    /// [`Which::keys`] as a Markdown table.
    #[must_use]
    pub fn table(self) -> String {
        let mut table = String::from("| Key | What it is |\n|---|---|\n");
        for (key, description) in self.keys() {
            table.push_str(&format!(
                "| `{key}` | {} |\n",
                description.replace('|', "\\|")
            ));
        }
        table
    }
}

pub fn run(args: Args) -> ExitCode {
    if args.table {
        print!("{}", args.which.table());
    } else {
        print!("{}", args.which.json());
    }
    ExitCode::SUCCESS
}
