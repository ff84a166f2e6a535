package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// workCategory is a category of operations work a service must design.
type workCategory struct {
	id, title, japanese string
}

// standardWork is the standard list of operations work (業務一覧).
func standardWork() []workCategory {
	return []workCategory{
		{"incident", "event and incident response", "イベント・インシデント対応"},
		{"problem", "problem management", "問題管理"},
		{"change", "change management and operational acceptance", "変更管理・運用受入"},
		{"configuration", "resource and configuration management", "資源管理・構成管理"},
		{"contract", "contract management", "契約管理"},
	}
}

// cloudWork is the work a service running in the cloud adds.
func cloudWork() []workCategory {
	return []workCategory{
		{"provider-contact", "the contact route to the provider", "クラウド事業者との連絡ルート"},
		{"service-reporting", "service-level management and reporting", "サービスレベルの管理"},
		{"billing", "usage and billing management", "利用状況と課金の管理"},
	}
}

func opsWorkRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "ops/work-category-missing",
			Severity: catalog.Error,
			Doc: ruleDoc(`A service that is not retired designs no task for one of the standard categories of operations work: `+
				`event and incident response, problem management, change management and operational acceptance, resource and configuration management, contract management. `+
				`This is "build and run away" (作り逃げ): the system is handed over and nobody has designed who handles its incidents or renews its contracts. `+
				`Add a task of that category, or list the category under notApplicableWork with the reason.`, `
spec:
  tasks:                # no task has category: problem, configuration or contract
    - name: restart
      category: incident
  notApplicableWork:
    change: The service is frozen until it is retired in March.
`),
			Run: runWorkCategoryMissing,
		},
		{
			ID:       "ops/cloud-work-missing",
			Severity: catalog.Error,
			Doc: ruleDoc(`A service that runs in the cloud (spec.cloud, or Settings spec.cloud for the whole design) lacks the work the cloud adds: `+
				`a contact route to the provider (cloud.contact or a provider-contact task), service-level reporting (a service-reporting task) `+
				`and usage and billing management (a billing task). Without them, an outage at the provider finds nobody who knows whom to call, and the bill grows unread. `+
				`Design the work or list the category under notApplicableWork with the reason. `+
				`A contact written but empty is reported at cloud.contact; no contact route at all, at the cloud that says where the service runs `+
				`(once for all the services that run on the Settings' cloud); the missing reporting and billing work, at the service's tasks.`, `
spec:
  cloud:                  # no contact, and no provider-contact task
    provider: AWS
  tasks:                  # no billing task
    - name: monthly-report
      category: service-reporting
`),
			Run: runCloudWorkMissing,
		},
		{
			ID:       "ops/task-without-trigger",
			Severity: catalog.Error,
			Doc: ruleDoc(`A task with no trigger: no monitor, request type, schedule or event starts it. `+
				`Work with no trigger happens when someone remembers it, which is to say not reliably. `+
				`A trigger naming a monitor or request type that does not exist is reported by ref/unresolved, and an unreadable schedule by ops/schedule-invalid. `+
				`Reported at the trigger's first member when it is written but empty, at the trigger when it has no member, and at the task when there is no trigger.`, `
tasks:
  - name: rotate-keys
    action: Rotate the SSH keys.   # no trigger
`),
			Run: runTaskWithoutTrigger,
		},
		{
			ID:       "ops/task-without-action",
			Severity: catalog.Error,
			Doc: ruleDoc(`A task with no action: it says what starts it but not what is done. `+
				`Business design defines, for every piece of work, its trigger and its action; without the action the operator is left to guess, and each guesses differently.`, `
tasks:
  - name: respond-disk-full
    trigger: {monitor: disk-full}   # no action
`),
			Run: runTaskWithoutAction,
		},
		{
			ID:       "ops/task-without-owner",
			Severity: catalog.Error,
			Doc: ruleDoc(`A task with no owner. Work nobody owns is nobody's job: it is done late, done twice or not at all, and its cost is invisible. `+
				`Name a Role, Person or Team. (A service's own owner is required by the schema.)`, `
tasks:
  - name: renew-certificates
    category: configuration
    trigger: {schedule: monthly 1}
    action: Renew what expires within 60 days.
    # no owner
`),
			Run: runTaskWithoutOwner,
		},
		{
			ID:       "ops/cost-missing",
			Severity: catalog.Error,
			Doc: ruleDoc(`The design asks for cost attribution (Settings spec.costAttribution: required or per-task) and a service that is not retired, `+
				`or with per-task one of its tasks, states no effort: no hoursPerMonth and no costPerMonth (a costCenter alone says who pays, not how much). `+
				`Work with no cost attached is invisible cost-effectiveness: it cannot be priced, compared or stopped.`, `
kind: Settings
spec: {costAttribution: required}
---
kind: Service
spec:
  effort: {costCenter: store-ops}   # no hoursPerMonth or costPerMonth
`),
			Run: runCostMissing,
		},
	}
}

// designedCategories returns the task categories a service designs.
func designedCategories(s *catalog.Service) map[string]bool {
	out := map[string]bool{}
	for _, t := range s.Tasks {
		if t.Category != "" {
			out[t.Category] = true
		}
	}
	return out
}

// checkWork reports, in one finding at the service's tasks, the categories
// the service neither designs nor marks not applicable, and each category
// marked not applicable without a reason at that reason; related explains
// the finding.
func checkWork(p *catalog.Pass, s *catalog.Service, cats []workCategory, related []catalog.Related, why string) {
	designed := designedCategories(s)
	var titles, ids []string
	for _, c := range cats {
		if designed[c.id] {
			continue
		}
		if notApplicableWork(p, s, c) {
			continue
		}
		titles = append(titles, fmt.Sprintf("%s (%s)", c.title, c.japanese))
		ids = append(ids, c.id)
	}
	if len(ids) == 0 {
		return
	}
	p.Report(catalog.Diagnostic{Pos: s.Doc.At("/spec/tasks"), Path: "/spec/tasks", Related: related,
		Message: fmt.Sprintf("service %q%s designs no work for %s: add a task with category %s, or list it under notApplicableWork with the reason",
			s.Name, why, strings.Join(titles, ", "), orList(ids))})
}

func runWorkCategoryMissing(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if s.State == catalog.Retired {
			continue
		}
		checkWork(p, s, standardWork(), nil, "")
	}
}

func runCloudWorkMissing(p *catalog.Pass) {
	set := settings(p.Design)
	contactless := map[*catalog.Document][]*catalog.Service{} // by the document of the cloud in force
	var order []*catalog.Document
	for _, s := range p.Design.Services {
		if s.State == catalog.Retired {
			continue
		}
		cloud, cloudDoc, related := s.Cloud, s.Doc, []catalog.Related(nil)
		if cloud == nil {
			if set.Cloud == nil || set.Doc == nil {
				continue
			}
			cloud, cloudDoc = set.Cloud, set.Doc
			related = settingRelated(set, cloud.Path, "the design runs on "+cloud.Provider+" (Settings)")
		} else {
			related = []catalog.Related{{Pos: s.Doc.At(cloud.Path), Message: "the service runs on " + cloud.Provider}}
		}
		why := fmt.Sprintf(", which runs on %s,", cloud.Provider)
		providerContact := cloudWork()[0]
		if blank(cloud.Contact) && !designedCategories(s)[providerContact.id] && !notApplicableWork(p, s, providerContact) {
			if _, seen := contactless[cloudDoc]; !seen {
				order = append(order, cloudDoc)
			}
			contactless[cloudDoc] = append(contactless[cloudDoc], s)
		}
		checkWork(p, s, cloudWork()[1:], related, why)
	}
	for _, doc := range order {
		reportContactless(p, doc, contactless[doc])
	}
}

// reportContactless reports, at the cloud they run on, the services that
// have no contact route to the provider: at cloud.contact when it is
// written but empty, at the cloud when it is not written, once for all the
// services that run on the cloud of the Settings.
func reportContactless(p *catalog.Pass, doc *catalog.Document, services []*catalog.Service) {
	cloud := services[0].Cloud
	if doc.Kind == "Settings" {
		cloud = settings(p.Design).Cloud
	}
	var names []string
	var related []catalog.Related
	for _, s := range services {
		names = append(names, strconv.Quote(s.Name))
		related = append(related, serviceTasks(s, cloudWork()[0])...)
	}
	who, has, designs := fmt.Sprintf("service %s, which runs on %s,", names[0], cloud.Provider), "has", "designs"
	if len(names) > 1 {
		who, has, designs = fmt.Sprintf("services %s, which run on %s,", andList(names), cloud.Provider), "have", "design"
	}
	route := cloudWork()[0].japanese
	if at := cloud.Path + "/contact"; written(doc, at) {
		p.Report(catalog.Diagnostic{Pos: doc.At(at), Path: at, Related: related,
			Message: fmt.Sprintf("%s %s an empty contact route to the provider (%s): write in cloud.contact whom to call and how, or add a task with category provider-contact",
				who, has, route)})
		return
	}
	p.Report(catalog.Diagnostic{Pos: doc.At(cloud.Path), Path: cloud.Path, Related: related,
		Message: fmt.Sprintf("%s %s no contact route to the provider (%s): write cloud.contact, add a task with category provider-contact, or list it under notApplicableWork with the reason",
			who, designs, route)})
}

// serviceTasks points at the tasks of a service that designs no work of a
// category, for a finding reported elsewhere.
func serviceTasks(s *catalog.Service, c workCategory) []catalog.Related {
	return []catalog.Related{{Pos: s.Doc.At("/spec/tasks"), Message: fmt.Sprintf("service %q has no %s task", s.Name, c.id)}}
}

// notApplicableWork reports whether the service lists the category under
// notApplicableWork, reporting a listing without a reason at its value.
func notApplicableWork(p *catalog.Pass, s *catalog.Service, c workCategory) bool {
	reason, ok := s.NotApplicableWork[c.id]
	if ok && blank(reason) {
		p.Reportf(s.Doc, "/spec/notApplicableWork/"+c.id, "service %q marks %s (%s) not applicable without a reason", s.Name, c.title, c.japanese)
	}
	return ok
}

func runTaskWithoutTrigger(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, t := range s.Tasks {
			if !t.Trigger.IsZero() {
				continue
			}
			at, empty := t.Trigger.Path, ""
			if tr, ok := s.Doc.Lookup(at); ok {
				m, _ := tr.(map[string]any)
				for _, k := range []string{"monitor", "request", "schedule", "event"} {
					if _, written := m[k]; written {
						at, empty = at+"/"+k, fmt.Sprintf(" (its %s is empty)", k)
						break
					}
				}
			}
			p.Reportf(s.Doc, at, "task %q of service %q has no trigger%s: say which monitor, request type, schedule or event starts it", t.Name, s.Name, empty)
		}
	}
}

func runTaskWithoutAction(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, t := range s.Tasks {
			if blank(t.Action) {
				p.Reportf(s.Doc, t.Path+"/action", "task %q of service %q has no action: say what is done when it is triggered", t.Name, s.Name)
			}
		}
	}
}

func runTaskWithoutOwner(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, t := range s.Tasks {
			if t.Owner.IsZero() {
				p.Reportf(s.Doc, t.Path+"/owner", "task %q of service %q has no owner: name the role, person or team accountable for it", t.Name, s.Name)
			}
		}
	}
}

// attributed reports whether the effort mapping at ptr states an amount.
func attributed(doc *catalog.Document, ptr string) bool {
	_, hours := doc.Lookup(ptr + "/hoursPerMonth")
	_, cost := doc.Lookup(ptr + "/costPerMonth")
	return hours || cost
}

func runCostMissing(p *catalog.Pass) {
	set := settings(p.Design)
	if set.CostAttribution != catalog.CostRequired && set.CostAttribution != catalog.CostPerTask {
		return
	}
	related := settingRelated(set, "/spec/costAttribution", "cost attribution is "+string(set.CostAttribution)+" here")
	report := func(s *catalog.Service, ptr, msg string) {
		p.Report(catalog.Diagnostic{Pos: s.Doc.At(ptr), Path: ptr, Related: related, Message: msg})
	}
	for _, s := range p.Design.Services {
		if s.State == catalog.Retired {
			continue
		}
		if !attributed(s.Doc, "/spec/effort") {
			report(s, "/spec/effort", fmt.Sprintf("service %q states no effort: write hoursPerMonth or costPerMonth under effort", s.Name))
		}
		if set.CostAttribution != catalog.CostPerTask {
			continue
		}
		for _, t := range s.Tasks {
			if !attributed(s.Doc, t.Path+"/effort") {
				report(s, t.Path+"/effort", fmt.Sprintf("task %q of service %q states no effort: write hoursPerMonth or costPerMonth under effort", t.Name, s.Name))
			}
		}
	}
}
