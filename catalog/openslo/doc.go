// Package openslo writes a design's OpenSLO in the version a tool needs:
// Convert rewrites OpenSLO documents from one version to another, Export
// writes a design's objectives as OpenSLO. The catalog reads every
// version into one model (catalog.OpenSLO, catalog.Design.Objectives);
// this package writes that model back out.
//
// # The versions
//
//   - v1alpha (apiVersion openslo/v1alpha) is what Sloth reads: SLO and
//     Service only; a threshold metric for the whole SLO or a ratio of
//     good over total events per objective; a time window of a unit and
//     a count; no alerting, no labels. Written from the OpenSLO README
//     before v1.
//   - v1 (openslo/v1) has seven kinds: SLO, SLI, Service, DataSource,
//     AlertPolicy, AlertCondition, AlertNotificationTarget, with
//     references between them.
//   - v2alpha (openslo.com/v2alpha) is where the specification is going
//     (enhancements/v2alpha.md, a living document): v1's kinds with
//     Kubernetes metadata (no displayName, one string per label), SLIs
//     named sli and sliRef, metrics that name a DataSource (dataSourceRef)
//     or write one (dataSourceSpec) without v1's metricSource, durations in
//     m, h, d and w only, and composite SLOs. What it does not change is
//     as in v1.
//
// References resolve within a version: an SLO's indicatorRef names an
// SLI of its own version, never one of another. The one link across
// versions is an SLO's service, which every version leaves to the
// implementation: an SLO of any version belongs to the OpenSLO or
// opsdesign Service of that name, of any version.
//
// # Where the specification and the go-sdk disagree
//
// The policy is the same for every version: the catalog's schemas accept
// what the version's specification allows; where the OpenSLO go-sdk (which
// oslo validate uses) rejects it, or accepts what the specification
// excludes, the finding is a warning, openslo/spec-sdk-disagreement, so a
// directory of valid OpenSLO lints clean and every portability hazard is
// named. What both reject is an error. The points, per version:
//
//   - v1alpha: labels and annotations in metadata, metadata on a metric
//     source (the later v1alpha README allows them; the go-sdk's types have
//     no such fields); the template's spelling ratioMetric (its examples and
//     the go-sdk write ratioMetrics); op on a ratio objective (the go-sdk
//     forbids it); a ratio objective without value (the go-sdk requires a
//     value on every objective); units Minute, Hour and Year (the go-sdk
//     knows Second, Day, Week, Month, Quarter); a source or queryType that
//     is not letters only; a rolling window outside 5 minutes to 31 days or
//     a calendar one outside 1 to 366 days (the spec's bounds, which the
//     go-sdk does not check); a thresholdMetric SLO with several
//     objectives; a displayName over 63 characters; timeSliceTarget 0.
//   - v1: as the catalog's package doc lists: op on a ratio objective,
//     conditions without op or kind, names that are not RFC 1123 labels,
//     a timeSliceWindow in minutes, a displayName over 63 characters, an
//     SLO without timeWindow, composite SLOs, zero durations.
//   - v2alpha: names that are not RFC 1123 labels; label values with
//     capitals (Kubernetes allows them, the go-sdk does not); labels on an
//     objective; op or value on an objective of a ratio SLI; a
//     timeSliceWindow in minutes; an SLO without timeWindow; a condition
//     without kind or alertAfter (the specification defaults them to
//     burnrate and 0m, the go-sdk requires them); zero durations.
//
// # Converting
//
// Converted documents are written so that both the target's specification
// and its go-sdk accept them; what the target cannot hold is a finding at
// its source, RuleConversionLoss when the object is written without it,
// RuleNotConverted when the object cannot be written at all. What maps
// onto what:
//
//   - Names, services, descriptions, targets, time-slice targets, budgeting
//     methods and calendars carry over. v2alpha's missing displayName
//     travels in the annotation opsdesign.dev/display-name (which v1 reads
//     back); a v1 label of several values has no v2alpha form.
//
//   - v1alpha's thresholdMetric is the SLO's inline SLI, named after the
//     SLO; its ratios are one inline SLI when the objectives share one, and
//     a composite SLO (an SLI per objective) when they differ. Back in
//     v1alpha, an SLI, written inline or referenced, is written in place,
//     a DataSource's type becomes the source; SLIs and DataSources are
//     reported as written inline, their names and connection details lost.
//     A ratio of bad events, a raw ratio and RatioTimeslices budgeting have
//     no v1alpha form.
//
//   - A v1alpha metric source {source, queryType, query} is a v1 metric
//     source of type source whose spec holds queryType and query (a v2alpha
//     dataSourceSpec likewise). The other way, a spec of a query (and
//     queryType) is written as it is, with the source in lower case as
//     v1alpha's examples and Sloth write it, the query type defaulting to
//     promql for Prometheus and to "query"; any other spec (an opsdesign
//     objective's, a CloudWatch metric's) is written whole as JSON, query
//     type "json", which converting back reads again.
//
//   - v1alpha windows: Day, Week, Month and Quarter are d, w, M and Q;
//     Second is minutes when whole. Written to v1alpha, minutes and hours
//     become seconds and a calendar year 12 months (the go-sdk knows
//     neither), and a rolling week 7 days (Sloth reads only days). A rolling
//     month, quarter or year is 30, 90 or 365 days, as the go-sdk counts
//     them, where the target has no such unit (v1alpha, v2alpha), and
//     reported; a calendar-aligned one cannot be written in v2alpha.
//
//   - v1alpha has no time-slice length: a v1alpha Timeslices SLO cannot
//     become v1 or v2alpha, and a timeSliceWindow is lost on the way to
//     v1alpha. v1alpha's go-sdk wants a value on every objective: on a ratio
//     objective it only tells objectives apart, so converting writes its
//     number (1, 2, …) and converting back drops that number silently (any
//     other value is reported). op and value on an objective of a ratio SLI
//     compare nothing and are dropped, reported.
//
//   - Alerting (policies, conditions, notification targets) maps between
//     v1 and v2alpha, the specification's defaults written out (kind
//     burnrate, v2alpha's alertAfter 0m; a condition without op is written
//     gte, as opsdesign reads it, and reported); v1alpha has none.
//
//   - A v1 metric source of a type may name a DataSource nothing defines;
//     v2alpha's dataSourceRef must resolve, so such a metric writes its type
//     inline (dataSourceSpec), reported.
//
// Converting a v1alpha set to v1 and back gives the same objectives, names
// and queries; converting again writes the same bytes. Export to v1alpha
// writes SLOs alone, as Sloth reads them (it rejects a file holding
// anything else); the Services they name are reported, and Convert writes
// them.
package openslo
