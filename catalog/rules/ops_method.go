package rules

import (
	"errors"
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/schedule"
)

// opsMethodRules check the method design: the tools' detailed settings
// (monitors, backups, schedules) and that each is tied to the work it
// serves.
func opsMethodRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "ops/monitor-unobservable",
			Severity: catalog.Error,
			Doc: ruleDoc(`A monitor does not say which state it reads or which output that state affects. `+
				`A monitor installed "just because" (the tool's defaults, a ping nobody asked for) makes noise without telling anyone whether the service is as it should be: `+
				`observability needs the state and the output it predicts. Reported at reads or affects when written but empty, at the monitor when left out.`, `
monitors:
  - name: cpu        # no reads, no affects
    tool: Zabbix
    task: scale-out
`),
			Run: runMonitorUnobservable,
		},
		{
			ID:       "ops/monitor-without-task",
			Severity: catalog.Error,
			Doc: ruleDoc(`A monitor that no task acts on: it names no task, and no task's trigger names it. `+
				`It is the traffic light nobody understands: it turns red and nobody knows what to do. Every monitor needs an operation that brings the output back (controllability). `+
				`A task that does not exist is reported by ref/unresolved instead.`, `
monitors:
  - name: disk-full
    reads: Free space on /var
    affects: Whether orders can be written
    # no task, and no task has trigger: {monitor: disk-full}
`),
			Run: runMonitorWithoutTask,
		},
		{
			ID:       "ops/backup-without-restore",
			Severity: catalog.Error,
			Doc: ruleDoc(`A backup with no restore procedure (or marked not applicable without a reason). `+
				`This is the tape story: the tapes were written every night, and on the day they were needed nobody could restore from them. `+
				`A backup is only as good as the designed way back.`, `
backups:
  - name: nightly
    target: Order database
    schedule: daily 02:00
    # no restore: {procedure: ..., lastTested: ...}
`),
			Run: runBackupWithoutRestore,
		},
		{
			ID:       "ops/restore-untested",
			Severity: catalog.Error,
			Doc: ruleDoc(`A backup's restore has never been tested: it states no lastTested date, or one that is still in the future. `+
				`An untested restore procedure is a guess; the first real restore is the wrong time to find out it does not work.`, `
backups:
  - name: nightly
    restore:
      procedure: https://wiki.example.com/restore   # lastTested is missing
`),
			Run: runRestoreUntested,
		},
		{
			ID:       "ops/restore-test-stale",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A backup's restore was last tested longer ago than the design allows (Settings spec.restoreTestMaxAge, 365 days unless set). `+
				`Systems, tools and people change; a restore that worked two years ago proves little today. Ages are counted in whole days against the linter's clock (Linter.Now).`, `
backups:
  - name: nightly
    restore:
      procedure: https://wiki.example.com/restore
      lastTested: "2023-04-01"   # more than 365 days ago
`),
			Run: runRestoreTestStale,
		},
		{
			ID:       "ops/schedule-invalid",
			Severity: catalog.Error,
			Doc: ruleDoc(`A task's trigger schedule or a backup's schedule cannot be read. `+
				`A schedule nobody (and no tool) can read is work that silently never happens. Write "daily 03:00", "weekly Mon 09:00", "monthly 1 09:00", `+
				`"monthly first Monday", "quarterly" (its first day), "yearly April 1", "hourly at :15", or a five-field cron expression; a schedule that can never fall due (the 30th of February) is reported too.`, `
tasks:
  - name: rotate-logs
    trigger: {schedule: every full moon}
`),
			Run: runScheduleInvalid,
		},
	}
}

func runMonitorUnobservable(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, m := range s.Monitors {
			if blank(m.Reads) {
				p.Reportf(s.Doc, m.Path+"/reads", "monitor %q of service %q names no state it reads: say what it observes, or drop a monitor nobody designed", m.Name, s.Name)
			}
			if blank(m.Affects) {
				p.Reportf(s.Doc, m.Path+"/affects", "monitor %q of service %q names no output its state affects: say what a customer would notice", m.Name, s.Name)
			}
		}
	}
}

func runMonitorWithoutTask(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		triggered := map[string]bool{}
		for _, t := range s.Tasks {
			if !t.Trigger.Monitor.IsZero() {
				triggered[t.Trigger.Monitor.Name] = true
			}
		}
		for _, m := range s.Monitors {
			if m.Task.IsZero() && !triggered[m.Name] {
				p.Reportf(s.Doc, m.Path+"/task", "monitor %q of service %q has no task that acts on it: name one in task, or trigger a task with {monitor: %s}", m.Name, s.Name, m.Name)
			}
		}
	}
}

func runBackupWithoutRestore(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, b := range s.Backups {
			if b.Restore == nil {
				p.Reportf(s.Doc, b.Path+"/restore", "backup %q of service %q has no restore: write its restore procedure and when it was last tested", b.Name, s.Name)
				continue
			}
			na, reason := notApplicableAt(s.Doc, b.Restore.Path+"/notApplicable")
			switch {
			case na && reason == "":
				p.Reportf(s.Doc, b.Restore.Path+"/notApplicable", "backup %q of service %q marks its restore not applicable without a reason", b.Name, s.Name)
			case na:
			case blank(b.Restore.Procedure):
				p.Reportf(s.Doc, b.Restore.Path+"/procedure", "backup %q of service %q has no restore procedure", b.Name, s.Name)
			}
		}
	}
}

// eachTestedRestore calls f for every restore whose test date the restore
// rules judge (one that is not marked not applicable), with the date when
// one is written and valid.
func eachTestedRestore(p *catalog.Pass, f func(s *catalog.Service, b catalog.Backup, tested time.Time, written bool)) {
	for _, s := range p.Design.Services {
		for _, b := range s.Backups {
			if b.Restore == nil {
				continue
			}
			if na, _ := notApplicableAt(s.Doc, b.Restore.Path+"/notApplicable"); na {
				continue
			}
			if blank(b.Restore.LastTested) {
				f(s, b, time.Time{}, false)
				continue
			}
			tested, err := time.Parse(time.DateOnly, b.Restore.LastTested)
			if err != nil {
				continue // the schema reports a malformed date
			}
			f(s, b, tested, true)
		}
	}
}

func runRestoreUntested(p *catalog.Pass) {
	today := today(p)
	eachTestedRestore(p, func(s *catalog.Service, b catalog.Backup, tested time.Time, written bool) {
		at := b.Restore.Path + "/lastTested"
		switch {
		case !written:
			p.Reportf(s.Doc, at, "the restore of backup %q of service %q has never been tested: test it and write the date in lastTested", b.Name, s.Name)
		case tested.After(today):
			p.Reportf(s.Doc, at, "the restore of backup %q of service %q was last tested on %s, which is after today (%s): write the date of the last test that happened",
				b.Name, s.Name, b.Restore.LastTested, today.Format(time.DateOnly))
		}
	})
}

func runRestoreTestStale(p *catalog.Pass) {
	today := today(p)
	set := settings(p.Design)
	maxAge := set.RestoreTestMaxAge
	eachTestedRestore(p, func(s *catalog.Service, b catalog.Backup, tested time.Time, written bool) {
		if !written || !maxAge.AddTo(tested).Before(today) {
			return
		}
		days := int(today.Sub(tested) / (24 * time.Hour))
		at := b.Restore.Path + "/lastTested"
		p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at,
			Related: settingRelated(set, "/spec/restoreTestMaxAge", "the maximum age is set here"),
			Message: fmt.Sprintf("the restore of backup %q of service %q was last tested %d days ago (%s), longer ago than %s: test it again",
				b.Name, s.Name, days, b.Restore.LastTested, maxAge)})
	})
}

func runScheduleInvalid(p *catalog.Pass) {
	check := func(s *catalog.Service, ptr, text, what string) {
		if text == "" {
			return
		}
		if _, err := schedule.Parse(text); err != nil {
			reason := err.Error()
			var se *schedule.Error
			if errors.As(err, &se) {
				reason = se.Reason
			}
			p.Reportf(s.Doc, ptr, "the schedule %q of %s cannot be read: %s", text, what, reason)
		}
	}
	for _, s := range p.Design.Services {
		for _, t := range s.Tasks {
			check(s, t.Trigger.Path+"/schedule", t.Trigger.Schedule, fmt.Sprintf("task %q of service %q", t.Name, s.Name))
		}
		for _, b := range s.Backups {
			check(s, b.Path+"/schedule", b.Schedule, fmt.Sprintf("backup %q of service %q", b.Name, s.Name))
		}
	}
}
