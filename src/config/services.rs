//! Who a patient can call, named once: `site.yaml`'s `services:`, the care levels'
//! `call:`, and every phone-like number the site's own words may contain.
//!
//! A service has a name, one dialable `phone` (what a `tel:` link dials), optional
//! `phone_text` (what people read beside the button), `hours`, and `out_of_hours`:
//! the service to call when it is closed, so a patient reading at midnight is never
//! told only to call a closed unit. A care level says `call: SERVICE`; the older
//! `phone:` on a level still works (a service of its own, without hours).
//!
//! **Numbers only from services.** A care level's action, a service's name or hours,
//! the footer's contact line, and every translation of them may contain no phone-like
//! number other than their own service's: a clinic that changes `emergency.phone` to
//! 999 is told about each "Call 911" it left behind, at its line. Translations change
//! words, never numbers.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::care::CareLevel;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::phone;
use crate::yaml;

use super::CONFIG_FILE;

/// `services: ID: { … }` as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawService {
    /// The service's name, as patients know it: "Early Pregnancy Unit".
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The one number its call buttons dial: "+1 555 0199".
    #[schemars(with = "String")]
    phone: Spanned<String>,
    /// What people read, when it says more than the number: "999 (or 112 from a mobile)".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    phone_text: Option<Spanned<String>>,
    /// When it is open, shown beside every button: "8am to 8pm, every day".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    hours: Option<Spanned<String>>,
    /// The id of the service to call when this one is closed.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    out_of_hours: Option<Spanned<String>>,
}

/// `translations: LANG: services: ID: { … }`: the words only.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawServiceText {
    /// The service's name in this language.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    name: Option<Spanned<String>>,
    /// Its hours in this language.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    hours: Option<Spanned<String>>,
    /// What people read instead of the number, in this language.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    phone_text: Option<Spanned<String>>,
    /// Refused with a reason: numbers are not translated.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    phone: Option<Spanned<String>>,
}

/// `care_levels: LEVEL: { … }` as written (also under `translations:`, where only
/// `action` may be given).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCareAction {
    /// What the patient should do, in plain words: "Call the Early Pregnancy Unit now".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    action: Option<Spanned<String>>,
    /// The service its call button calls.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    call: Option<Spanned<String>>,
    /// The older form: the one number a call button dials.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    phone: Option<Spanned<String>>,
    /// The older form: what people read instead of `phone`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    phone_text: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCareLevels {
    /// Immediate action: call the emergency number or go to the emergency department.
    emergency: Option<RawCareAction>,
    /// Urgent advice: get help the same day.
    urgent: Option<RawCareAction>,
    /// Get advice soon: today or tomorrow.
    soon: Option<RawCareAction>,
    /// Non-urgent advice: mention it at the next appointment.
    routine: Option<RawCareAction>,
    /// Self-care at home.
    self_care: Option<RawCareAction>,
}

impl RawCareLevels {
    /// Each level's entry, most urgent first (as [`CareLevel::ALL`]).
    fn into_levels(self) -> [(CareLevel, Option<RawCareAction>); 5] {
        [
            (CareLevel::Emergency, self.emergency),
            (CareLevel::Urgent, self.urgent),
            (CareLevel::Soon, self.soon),
            (CareLevel::Routine, self.routine),
            (CareLevel::SelfCare, self.self_care),
        ]
    }
}

/// A service a patient can call, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// The number as people read it (`phone_text` when given).
    pub phone: String,
    /// What a `tel:` link dials: `+` and digits.
    pub tel: String,
    pub hours: Option<String>,
    /// The id of the service to call when this one is closed.
    pub out_of_hours: Option<String>,
}

/// What a call button calls: a service, and whom to call when it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    /// The service's id (`None` for a care level's own `phone:`).
    pub service: Option<String>,
    /// The service's name (`None` for a care level's own `phone:`).
    pub name: Option<String>,
    pub phone: String,
    pub tel: String,
    pub hours: Option<String>,
    /// The out-of-hours service, when this one has hours and names one.
    pub closed: Option<Box<Call>>,
}

/// What one care level tells the patient: "Call the Early Pregnancy Unit now", and
/// whom its button calls.
#[derive(Debug, Clone, Serialize)]
pub struct CareAction {
    pub level: CareLevel,
    pub action: String,
    pub call: Option<Call>,
}

impl CareAction {
    /// The number as people read it.
    pub fn phone(&self) -> Option<&str> {
        self.call.as_ref().map(|c| c.phone.as_str())
    }

    /// What a `tel:` link dials.
    pub fn tel(&self) -> Option<&str> {
        self.call.as_ref().map(|c| c.tel.as_str())
    }
}

/// The services in one language, in the order `site.yaml` gives them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Services(pub Vec<Service>);

impl Services {
    /// Every service's id.
    pub fn ids(&self) -> Vec<String> {
        self.0.iter().map(|s| s.id.clone()).collect()
    }

    /// Every number the services dial or show (what a `tel:` link for each dials).
    pub fn numbers(&self) -> Vec<String> {
        let mut all = Vec::new();
        for service in &self.0 {
            all.push(service.tel.clone());
            all.extend(numbers_in(&service.phone));
        }
        all
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.0.iter().find(|s| s.id == id)
    }

    /// The call to the service `id`, with its out-of-hours service when it has one.
    pub fn call(&self, id: &str) -> Option<Call> {
        let service = self.get(id)?;
        let closed = service
            .out_of_hours
            .as_deref()
            .and_then(|other| self.get(other))
            .map(|other| Box::new(Call::to(other, None)));
        Some(Call::to(service, closed))
    }
}

impl Call {
    fn to(service: &Service, closed: Option<Box<Call>>) -> Call {
        Call {
            service: Some(service.id.clone()),
            name: Some(service.name.clone()),
            phone: service.phone.clone(),
            tel: service.tel.clone(),
            hours: service.hours.clone(),
            closed,
        }
    }

    /// Every number this call dials (its own, then the out-of-hours service's).
    pub fn dials(&self) -> Vec<&str> {
        let mut all = vec![self.tel.as_str()];
        all.extend(self.closed.iter().map(|c| c.tel.as_str()));
        all
    }
}

/// Reads `services:`; `text` is `site.yaml`'s.
pub(super) fn services(
    raw: HashMap<Spanned<String>, RawService>,
    text: &str,
    errors: &mut Diagnostics,
) -> Services {
    let mut raw: Vec<(Spanned<String>, RawService)> = raw.into_iter().collect();
    raw.sort_by_key(|(id, _)| (id.referenced.line(), id.referenced.column()));
    let ids: Vec<String> = raw.iter().map(|(id, _)| id.value.clone()).collect();
    let mut services = Vec::new();
    for (id, given) in raw {
        let tel = dialable(
            &given.phone,
            text,
            errors,
            &format!("services: {}:", id.value),
        );
        let out_of_hours = given.out_of_hours.as_ref().and_then(|other| {
            if ids.contains(&other.value) && other.value != id.value {
                return Some(other.value.clone());
            }
            let help = match did_you_mean(&other.value, ids.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "name another service of `services:` ({}), the one to call when `{}` is closed",
                    ids.join(", "),
                    id.value
                ),
            };
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`{}` is not another service", other.value),
                )
                .at(yaml::location(text, 1, other))
                .with_help(help),
            );
            None
        });
        let service = Service {
            id: id.value.clone(),
            name: given.name.value.clone(),
            phone: given
                .phone_text
                .as_ref()
                .map_or_else(|| given.phone.value.clone(), |t| t.value.clone()),
            tel: tel.unwrap_or_default(),
            hours: given.hours.as_ref().map(|h| h.value.clone()),
            out_of_hours,
        };
        let own = own_numbers(&service, given.phone_text.as_ref());
        for words in [Some(&given.name), given.hours.as_ref()]
            .into_iter()
            .flatten()
        {
            check_numbers(words, &own, &service.name, text, errors);
        }
        // "24 hours" (in any language's words, with the digits) is always open.
        let closes = service.hours.as_ref().is_some_and(|h| !h.contains("24"));
        if closes && given.out_of_hours.is_none() {
            errors.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    format!("`{}` has opening hours but no out-of-hours service", id.value),
                )
                .at(yaml::location(text, 1, &id))
                .with_help(format!(
                    "add `out_of_hours: SERVICE` to `{}` (like `out_of_hours: maternity`), so a patient reading when it is closed is told whom to call instead",
                    id.value
                )),
            );
        }
        services.push(service);
    }
    Services(services)
}

/// One language's services: its names, hours and `phone_text`; numbers are the
/// default language's.
pub(super) fn translated_services(
    raw: HashMap<Spanned<String>, RawServiceText>,
    original: &Services,
    text: &str,
    errors: &mut Diagnostics,
) -> Services {
    let mut services = original.clone();
    for (id, given) in raw {
        let Some(service) = services.0.iter_mut().find(|s| s.id == id.value) else {
            let help = match did_you_mean(&id.value, original.0.iter().map(|s| s.id.as_str())) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "translate a service that `services:` names".to_string(),
            };
            errors.push(
                Diagnostic::error(CONFIG_FILE, format!("there is no service `{}`", id.value))
                    .at(yaml::location(text, 1, &id))
                    .with_help(help),
            );
            continue;
        };
        if let Some(phone) = &given.phone {
            errors.push(
                Diagnostic::error(CONFIG_FILE, "a translation cannot change a number")
                    .at(yaml::location(text, 1, phone))
                    .with_help(format!(
                        "remove this `phone:`: every language dials `services: {}: phone:`; translate only `name`, `hours` and `phone_text`",
                        id.value
                    )),
            );
        }
        let own = own_numbers(service, None);
        for words in [&given.name, &given.hours, &given.phone_text]
            .into_iter()
            .flatten()
        {
            check_numbers(words, &own, &service.name, text, errors);
        }
        if let Some(name) = given.name {
            service.name = name.value;
        }
        if let Some(hours) = given.hours {
            service.hours = Some(hours.value);
        }
        if let Some(phone_text) = given.phone_text {
            service.phone = phone_text.value;
        }
    }
    services
}

/// The site's care actions, with calm, generic defaults for the levels not configured.
pub(super) fn care_actions(
    raw: RawCareLevels,
    services: &Services,
    text: &str,
    errors: &mut Diagnostics,
) -> Vec<CareAction> {
    raw.into_levels()
        .into_iter()
        .map(|(level, given)| match given {
            Some(given) => care_action(level, given, services, text, errors),
            None => default_action(level, services),
        })
        .collect()
}

/// One language's care actions: the actions it gives, the calls of the default
/// language's levels (in this language's service names and hours).
pub(super) fn translated_care_actions(
    raw: RawCareLevels,
    original: &[CareAction],
    services: &Services,
    text: &str,
    errors: &mut Diagnostics,
) -> Vec<CareAction> {
    raw.into_levels()
        .into_iter()
        .zip(original)
        .map(|((level, given), original)| {
            // The same call, in this language's words.
            let call = original.call.as_ref().map(|call| {
                call.service
                    .as_deref()
                    .and_then(|id| services.call(id))
                    .unwrap_or_else(|| call.clone())
            });
            let Some(given) = given else {
                return CareAction { call, ..original.clone() };
            };
            for number in [&given.call, &given.phone, &given.phone_text].into_iter().flatten() {
                errors.push(
                    Diagnostic::error(CONFIG_FILE, "a translation cannot change whom a care level calls")
                        .at(yaml::location(text, 1, number))
                        .with_help(format!(
                            "remove this line: every language calls what `care_levels: {}:` says; translate only its `action` here (and the service's name and hours under `translations: LANG: services:`)",
                            level.id()
                        )),
                );
            }
            let action = match given.action {
                Some(action) => {
                    let allowed = call.as_ref().map_or_else(Vec::new, allowed_numbers);
                    check_numbers(&action, &allowed, level.id(), text, errors);
                    action.value
                }
                None => original.action.clone(),
            };
            CareAction {
                level,
                action,
                call,
            }
        })
        .collect()
}

/// One level's action as `site.yaml` gives it.
fn care_action(
    level: CareLevel,
    given: RawCareAction,
    services: &Services,
    text: &str,
    errors: &mut Diagnostics,
) -> CareAction {
    let mut call = None;
    if let (Some(service), Some(phone)) = (&given.call, &given.phone) {
        errors.push(
            Diagnostic::error(
                CONFIG_FILE,
                "a care level calls a service or a number, not both",
            )
            .at(yaml::location(text, 1, phone))
            .with_help(format!(
                "remove `phone:` here: `call: {}` already says whom to call, with its number",
                service.value
            )),
        );
    } else if let Some(service) = &given.call {
        call = services.call(&service.value);
        if call.is_none() {
            let ids = services.0.iter().map(|s| s.id.as_str());
            let help = match did_you_mean(&service.value, ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None if services.0.is_empty() => format!(
                    "name the service under `services:` first, like `services: {}: {{ name: \"…\", phone: \"…\" }}`",
                    service.value
                ),
                None => format!(
                    "call one of the services `services:` names: {}",
                    services
                        .0
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            errors.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("there is no service `{}`", service.value),
                )
                .at(yaml::location(text, 1, service))
                .with_help(help),
            );
        }
    } else if let Some(phone) = &given.phone {
        let where_ = format!("care_levels: {}:", level.id());
        call = dialable(phone, text, errors, &where_).map(|tel| Call {
            service: None,
            name: None,
            phone: given
                .phone_text
                .as_ref()
                .map_or_else(|| phone.value.clone(), |t| t.value.clone()),
            tel,
            hours: None,
            closed: None,
        });
    }
    let action = match given.action {
        Some(action) => {
            let allowed = call.as_ref().map_or_else(Vec::new, allowed_numbers);
            check_numbers(&action, &allowed, level.id(), text, errors);
            action.value
        }
        None => default_action(level, services).action,
    };
    CareAction {
        level,
        action,
        call,
    }
}

/// A level `site.yaml` does not set: calm, generic words, and for an emergency the
/// `emergency` service when there is one, else 911.
fn default_action(level: CareLevel, services: &Services) -> CareAction {
    let action = match level {
        CareLevel::Emergency => "Call 911 or go to the emergency department now",
        CareLevel::Urgent => "Call your doctor, midwife or early pregnancy unit now",
        CareLevel::Soon => "Call your midwife or doctor today or tomorrow",
        CareLevel::Routine => "Mention it at your next appointment",
        CareLevel::SelfCare => "You can look after yourself at home; call us if you are worried",
    };
    let mut action = action.to_string();
    let call = match level {
        CareLevel::Emergency => match services.call("emergency") {
            Some(call) => {
                action = format!("Call {} or go to the emergency department now", call.phone);
                Some(call)
            }
            None => Some(Call {
                service: None,
                name: None,
                phone: "911".to_string(),
                tel: "911".to_string(),
                hours: None,
                closed: None,
            }),
        },
        _ => None,
    };
    CareAction {
        level,
        action,
        call,
    }
}

/// What a `tel:` link for `phone` dials, or an error at its line.
fn dialable(
    phone: &Spanned<String>,
    text: &str,
    errors: &mut Diagnostics,
    under: &str,
) -> Option<String> {
    match phone::dialable(&phone.value) {
        Ok(tel) => Some(tel),
        Err(why) => {
            errors.push(
                Diagnostic::error(CONFIG_FILE, format!("`{}` cannot be dialled: {why}", phone.value))
                    .at(yaml::location(text, 1, phone))
                    .with_help(format!(
                        "write the one number a call button should dial in `phone:` (like \"999\"), and what people should read in `phone_text:` (like \"999, or 112 from a mobile\") under `{under}`"
                    )),
            );
            None
        }
    }
}

/// The numbers a service's own words may contain: its number, and any in its
/// `phone_text` ("999, or 112 from a mobile").
fn own_numbers(service: &Service, phone_text: Option<&Spanned<String>>) -> Vec<String> {
    let mut own = vec![service.tel.clone()];
    let shown = phone_text.map_or(service.phone.as_str(), |t| t.value.as_str());
    own.extend(numbers_in(shown));
    own
}

/// The numbers words beside a call button may contain: the call's own, and its
/// out-of-hours service's.
fn allowed_numbers(call: &Call) -> Vec<String> {
    let mut allowed: Vec<String> = call.dials().into_iter().map(str::to_string).collect();
    allowed.extend(numbers_in(&call.phone));
    allowed
}

/// Every dialable number written in `text`.
fn numbers_in(text: &str) -> Vec<String> {
    phone::find_numbers(text)
        .into_iter()
        .filter_map(|r| phone::dialable(&text[r]).ok())
        .collect()
}

/// An error for each phone-like number in `words` that is not one of `allowed`: a
/// number typed into words goes stale when the service's number changes.
pub(super) fn check_numbers(
    words: &Spanned<String>,
    allowed: &[String],
    whose: &str,
    text: &str,
    errors: &mut Diagnostics,
) {
    for range in phone::find_numbers(&words.value) {
        let written = &words.value[range];
        let dials = phone::dialable(written).unwrap_or_default();
        if allowed.contains(&dials) {
            continue;
        }
        let help = match allowed.first() {
            Some(own) => format!(
                "`{whose}` calls {own}: write that number here, or better, leave the number out (the call button beside these words shows it), or change whom it calls under `services:`"
            ),
            None => format!(
                "`{whose}` calls no one, so its words may name no number: leave the number out, or give it `call: SERVICE` and name the service under `services:`"
            ),
        };
        errors.push(
            Diagnostic::error(
                CONFIG_FILE,
                format!("`{written}` is not a number this site calls here"),
            )
            .at(yaml::location(text, 1, words))
            .with_help(help),
        );
    }
}

/// Every number the site's services dial, for words that may name any of them (the
/// footer's contact line).
pub(super) fn all_numbers(services: &Services, care: &[CareAction]) -> Vec<String> {
    let mut all = services.numbers();
    for call in care.iter().filter_map(|c| c.call.as_ref()) {
        all.extend(allowed_numbers(call));
    }
    all
}
