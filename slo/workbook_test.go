package slo

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

// uniformTraffic returns 250 events a minute over the three days before
// now, with bad events spread evenly (num bad in every den) over the last
// span and none before it.
func uniformTraffic(now time.Time, span time.Duration, num, den int64) []Event {
	const step = 240 * time.Millisecond
	n := int64(3 * 24 * time.Hour / step)
	spanN := int64(span / step)
	events := make([]Event, n)
	for i := range n {
		events[i] = Event{At: now.Add(-time.Duration(n-i) * step), Good: true}
		if j := i - (n - spanN); j >= 0 && (j+1)*num/den > j*num/den {
			events[i].Good = false
		}
	}
	return events
}

func TestWorkbookTiersGolden(t *testing.T) {
	var b strings.Builder
	for _, period := range []time.Duration{30 * 24 * time.Hour, 28 * 24 * time.Hour, 7 * 24 * time.Hour, 90 * 24 * time.Hour} {
		fmt.Fprintf(&b, "period %v\n", Elapsed(period))
		for _, a := range WorkbookTiers(period) {
			fmt.Fprintf(&b, "  %-11s %-6s long %-8v short %-8v burn %5.1f  consumes %4.1f%% of the budget\n",
				a.Name, a.Action, Elapsed(a.Long), Elapsed(a.Short), a.BurnRate, 100*a.BudgetConsumed(period))
		}
	}
	golden(t, "workbook_tiers.golden", b.String())

	// The numbers of the SRE workbook's table for 30 days, asserted exactly.
	tiers := WorkbookTiers(30 * 24 * time.Hour)
	want := []struct {
		long, short time.Duration
		burn, spent float64
		action      Action
	}{
		{time.Hour, 5 * time.Minute, 14.4, 0.02, Page},
		{6 * time.Hour, 30 * time.Minute, 6, 0.05, Page},
		{24 * time.Hour, 2 * time.Hour, 3, 0.10, Ticket},
		{72 * time.Hour, 6 * time.Hour, 1, 0.10, Ticket},
	}
	require.Len(t, tiers, len(want))
	for i, w := range want {
		assert.Equal(t, w.long, tiers[i].Long)
		assert.Equal(t, w.short, tiers[i].Short)
		assert.Equal(t, w.burn, tiers[i].BurnRate)
		assert.Equal(t, w.action, tiers[i].Action)
		assert.InDelta(t, w.spent, tiers[i].BudgetConsumed(30*24*time.Hour), 1e-12)
	}
	assert.Nil(t, WorkbookTiers(0))
}

func TestWorkbookScenariosGolden(t *testing.T) {
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	o := Objective{Name: "api-availability", Target: MustParseTarget("99.9%"), Window: MustParseWindow("30d")}
	scenarios := []struct {
		name     string
		span     time.Duration
		num, den int64
		firing   []bool // page-fast, page-slow, ticket-fast, ticket-slow
		alert    Action
		burn     float64 // burn rate over the span
		spent    float64 // budget consumed over the span
	}{
		{"1.44% errors for 1h", time.Hour, 9, 625, []bool{true, false, false, false}, Page, 14.4, 0.02},
		{"0.6% errors for 6h", 6 * time.Hour, 3, 500, []bool{false, true, false, false}, Page, 6, 0.05},
		{"0.3% errors for 1d", 24 * time.Hour, 3, 1000, []bool{false, false, true, true}, Ticket, 3, 0.10},
		{"0.1% errors for 3d", 72 * time.Hour, 1, 1000, []bool{false, false, false, true}, Ticket, 1, 0.10},
	}
	var b strings.Builder
	for _, sc := range scenarios {
		r, err := o.EvaluateEvents(uniformTraffic(now, sc.span, sc.num, sc.den), now)
		require.NoError(t, err)
		fmt.Fprintf(&b, "%s: SLI %.6f, burn %.4f, budget consumed %.4f, alert %q\n", sc.name, r.SLI, r.BurnRate, r.Budget.ConsumedFraction, r.Alert)
		for i, a := range r.Alerts {
			fmt.Fprintf(&b, "  %-11s long %-3v burn %7.4f (%6.2f%% of budget)  short %-3v burn %7.4f  firing %v\n",
				a.Tier.Name, Elapsed(a.Tier.Long), a.LongBurn, 100*a.LongConsumed, Elapsed(a.Tier.Short), a.ShortBurn, a.Firing)
			assert.Equal(t, sc.firing[i], a.Firing, "%s: %s", sc.name, a.Tier.Name)
			if a.Tier.Long == sc.span {
				assert.InDelta(t, sc.burn, a.LongBurn, 1e-9, "%s: %s", sc.name, a.Tier.Name)
				assert.InDelta(t, sc.spent, a.LongConsumed, 1e-9, "%s: %s", sc.name, a.Tier.Name)
			}
		}
		assert.Equal(t, sc.alert, r.Alert)
	}
	golden(t, "workbook_scenarios.golden", b.String())
}
