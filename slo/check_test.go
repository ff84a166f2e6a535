package slo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCheck(t *testing.T) {
	berlin := MustNewCalendar(CalendarSpec{TimeZone: "Europe/Berlin"})
	type want struct {
		code           string
		field          string
		index, related int
	}
	tests := []struct {
		name       string
		o          Objective
		severities []string
		want       []want
	}{
		{
			name: "clean workbook objective",
			o:    Objective{Name: "a", Target: MustParseTarget("99.9%"), Window: MustParseWindow("30d")},
		},
		{
			name: "90% target cannot reach 14.4",
			o:    Objective{Name: "a", Target: MustParseTarget("90%"), Window: MustParseWindow("30d")},
			want: []want{{CodeBurnUnreachable, "alerts", -1, -1}},
		},
		{
			name: "50% target: three tiers unreachable",
			o:    Objective{Name: "a", Target: MustParseTarget("50%"), Window: Monthly()},
			want: []want{{CodeBurnUnreachable, "alerts", -1, -1}, {CodeBurnUnreachable, "alerts", -1, -1}, {CodeBurnUnreachable, "alerts", -1, -1}},
		},
		{
			name: "explicit tiers",
			o: Objective{Name: "a", Target: MustParseTarget("99%"), Window: MustParseWindow("7d"), Alerts: []AlertTier{
				{Name: "ok", Long: time.Hour, Short: 5 * time.Minute, BurnRate: 100},
				{Name: "too-high", Long: time.Hour, Short: 5 * time.Minute, BurnRate: 101},
				{Name: "inverted", Long: time.Hour, Short: 2 * time.Hour, BurnRate: 10},
				{Name: "equal", Long: time.Hour, Short: time.Hour, BurnRate: 10},
				{Name: "too-long", Long: 8 * 24 * time.Hour, Short: time.Hour, BurnRate: 1},
			}},
			want: []want{
				{CodeBurnUnreachable, "alerts", 1, -1},
				{CodeShortWindow, "alerts", 2, -1},
				{CodeShortWindow, "alerts", 3, -1},
				{CodeLongWindow, "alerts", 4, -1},
			},
		},
		{
			name: "week window: a DST week is shorter than 7d",
			o: Objective{Name: "a", Target: MustParseTarget("99%"), Window: Weekly(), Calendar: berlin, Alerts: []AlertTier{
				{Name: "week", Long: 7 * 24 * time.Hour, Short: time.Hour, BurnRate: 1},
			}},
			want: []want{{CodeLongWindow, "alerts", 0, -1}},
		},
		{
			name: "target on the wrong scale",
			o:    Objective{Name: "a", Target: MustParseTarget("0.999%"), Window: MustParseWindow("30d")},
			// The mistake also makes every paging tier unreachable.
			want: []want{{CodeTargetScale, "target", -1, -1}, {CodeBurnUnreachable, "alerts", -1, -1},
				{CodeBurnUnreachable, "alerts", -1, -1}, {CodeBurnUnreachable, "alerts", -1, -1}},
		},
		{
			name: "slice does not divide a rolling window",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("1h"),
				Slice: 7 * time.Minute, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{}},
			want: []want{{CodeSliceDivide, "slice", -1, -1}},
		},
		{
			name: "slice divides a UTC month",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: Monthly(),
				Slice: 24 * time.Hour, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{}},
		},
		{
			name: "daily slice does not divide a Berlin month with a DST change",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: Monthly(), Calendar: berlin,
				Slice: 24 * time.Hour, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{}},
			want: []want{{CodeSliceDivide, "slice", -1, -1}},
		},
		{
			name: "the workbook's tiers of a day are shorter than 7-minute slices",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("1d"),
				Slice: 7 * time.Minute, SliceTarget: MustParseTarget("90%")},
			want: []want{{CodeSliceDivide, "slice", -1, -1}, {CodeWindowBelowSlice, "slice", -1, -1}},
		},
		{
			name: "written tiers shorter than the slice",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("28d"),
				Slice: time.Hour, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{
					{Name: "whole", Long: 6 * time.Hour, Short: time.Hour, BurnRate: 10},
					{Name: "short", Long: 6 * time.Hour, Short: 30 * time.Minute, BurnRate: 10},
					{Name: "both", Long: 50 * time.Minute, Short: 5 * time.Minute, BurnRate: 10},
					{Name: "nearly", Long: 6 * time.Hour, Short: 50 * time.Minute, BurnRate: 10}, // holds the last slice 5/6 of the time
				}},
			want: []want{{CodeWindowBelowSlice, "alerts", 1, -1}, {CodeWindowBelowSlice, "alerts", 2, -1}},
		},
		{
			// The workbook's page-fast tier of a 28-day period is 56m and
			// 4m40s: its short window holds the last 5-minute slice 14
			// times in 15, which is what a short window is for.
			name: "the workbook's tiers of a month hold several 5-minute slices",
			o: Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: Monthly(),
				Slice: 5 * time.Minute, SliceTarget: MustParseTarget("90%")},
		},
		{
			name: "severities and shadowed rules",
			o: Objective{Name: "a", Kind: AttainmentObjective, Target: MustParseTarget("95%"), Window: Monthly(), Rules: []Rule{
				{Severities: []string{"P1", "P2"}, Within: MustParseDuration("1h")},
				{Severities: []string{"P2"}, Within: MustParseDuration("4h")},                                                                   // shadowed by 0
				{Severities: []string{"P3"}, Categories: []string{"障害"}, Within: MustParseDuration("1bd")},                                      // P3 partly covered
				{Severities: []string{"P3"}, Categories: []string{"障害"}, Labels: map[string]string{"x": "y"}, Within: MustParseDuration("2bd")}, // shadowed by 2
				{Labels: map[string]string{"vip": "true"}, Within: MustParseDuration("30m")},
				{Labels: map[string]string{"vip": "true", "x": "y"}, Severities: []string{"P4"}, Within: MustParseDuration("30m")}, // shadowed by 4
			}},
			severities: []string{"P1", "P2", "P3", "P4"},
			want: []want{
				{CodeSeverityNoTarget, "severities", 2, -1},
				{CodeSeverityNoTarget, "severities", 3, -1},
				{CodeRuleShadowed, "rules", 1, 0},
				{CodeRuleShadowed, "rules", 3, 2},
				{CodeRuleShadowed, "rules", 5, 4},
			},
		},
		{
			name: "catch-all rule covers every severity and shadows the rest",
			o: Objective{Name: "a", Kind: AttainmentObjective, Target: MustParseTarget("95%"), Window: Monthly(), Rules: []Rule{
				{Within: MustParseDuration("1bd")},
				{Severities: []string{"P1"}, Within: MustParseDuration("1h")},
			}},
			severities: []string{"P1", "P2"},
			want:       []want{{CodeRuleShadowed, "rules", 1, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := tt.o.Check(tt.severities)
			got := make([]want, len(fs))
			for i, f := range fs {
				got[i] = want{f.Code, f.Field, f.Index, f.Related}
				assert.Equal(t, tt.o.Name, f.Objective)
				assert.NotEmpty(t, f.Message)
			}
			if tt.want == nil {
				tt.want = []want{}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// The messages name the objective's own window and every length of its
// periods the slice does not divide, never one arbitrary period.
func TestCheckMessages(t *testing.T) {
	msgs := func(o Objective) []string {
		var out []string
		for _, f := range o.Check(nil) {
			out = append(out, f.Message)
		}
		return out
	}
	day := Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("1d"),
		Slice: 7 * time.Minute, SliceTarget: MustParseTarget("90%")}
	assert.Equal(t, []string{
		"time slice 7m does not divide the 1d window: 205 slices leave 5m over, a last slice that straddles the next period",
		"the SRE workbook's alerts for the 1d window have windows too short for the 7m time slice: page-fast (14.4 over 2m and 10s), page-slow (6 over 12m and 1m); " +
			"a window shorter than a slice holds at most one judged slice, and none most of the time, so the alert is silent or fires on a single bad slice. Write alerts whose windows hold several slices, or a shorter slice",
	}, msgs(day))
	month := Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: Monthly(),
		Slice: 7 * 24 * time.Hour, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{}}
	assert.Equal(t, []string{"time slice 7d does not divide every month in the calendar's time zone: a month of 29d leaves 1d, a month of 30d leaves 2d, a month of 31d leaves 3d, a last slice that straddles the next period"},
		msgs(month))
	written := Objective{Name: "a", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("28d"),
		Slice: time.Hour, SliceTarget: MustParseTarget("90%"), Alerts: []AlertTier{{Name: "both", Long: 50 * time.Minute, Short: 5 * time.Minute, BurnRate: 10}}}
	assert.Equal(t, []string{`alert "both": its windows of 50m and 5m are shorter than the 1h time slice: a window shorter than a slice holds at most one judged slice, and none most of the time, so the alert is silent or fires on a single bad slice`},
		msgs(written))
	written.Alerts[0] = AlertTier{Name: "short", Long: 6 * time.Hour, Short: 30 * time.Minute, BurnRate: 10}
	assert.Equal(t, []string{`alert "short": its short window of 30m is at most half the 1h time slice: slices are judged when they end, so it holds no judged slice half of the time or more, when the alert cannot fire`},
		msgs(written))
}

func TestFindingString(t *testing.T) {
	o := Objective{Name: "desk", Target: MustParseTarget("90%"), Window: MustParseWindow("30d")}
	fs := o.Check(nil)
	assert.Equal(t, []string{
		`desk: alerts: alert "page-fast" needs a burn rate of 14.4, but with a 90% target the burn rate cannot exceed 10 (everything failing) [burn-threshold-unreachable]`,
	}, []string{fs[0].String()})
	f := Finding{Code: CodeRuleShadowed, Objective: "o", Field: "rules", Index: 2, Related: 0, Message: "m"}
	assert.Equal(t, "o: rules[2]: m [rule-shadowed]", f.String())
}
