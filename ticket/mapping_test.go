package ticket_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
)

// The presets are TicketMapping documents that load through the catalog
// without a finding, as a user's copy of one would.
func TestPresetsLoadClean(t *testing.T) {
	for _, name := range ticket.Presets() {
		data, ok := ticket.PresetSource(name)
		require.True(t, ok, name)
		m, found, err := ticket.ParseMapping(name+".yaml", data)
		require.NoError(t, err, name)
		assert.Empty(t, found, name)
		assert.Equal(t, name, m.Name)
		p, ok := ticket.Preset(name, nil)
		require.True(t, ok, name)
		assert.Equal(t, m.Columns, p.Columns, name)
	}
	_, ok := ticket.Preset("servicenow", nil)
	assert.False(t, ok)
	native, ok := ticket.Preset("", time.UTC)
	require.True(t, ok)
	assert.Equal(t, "param.", native.ParameterPrefix)
	assert.Equal(t, time.UTC, native.Location)
}

// Every mistake in a mapping is a finding at its line: the schema's from
// the loader, the rest from NewMapping.
func TestMappingFindings(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: broken}
spec:
  extends: jira
  columns:
    titel: [Summary]
  statuses: {Awaiting approval: paused, On hold: waiting}
  minutesInStatus: {Minutes parked: parked}
  parameters:
    customFields: ["{name}{type}", "{field}"]
  time:
    zone: Asia/Tokio
    layouts: ["15:04", "02/Jan/06 3:04 PM"]
  delimiter: ";;"
---
apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: second}
spec: {}
`
	m, found, err := ticket.ParseMapping("m.yaml", []byte(src))
	require.NoError(t, err)
	var got []finding
	for _, d := range found {
		got = append(got, finding{d.Rule, d.Pos.Line, d.Pos.Column, d.Path})
	}
	assert.Equal(t, []finding{
		{"schema/unknown-key", 7, 5, "/spec/columns/titel"},
		{"schema/enum", 8, 33, "/spec/statuses/Awaiting approval"},
		{ticket.RuleBadMapping, 9, 37, "/spec/minutesInStatus/Minutes parked"},
		{ticket.RuleBadMapping, 11, 20, "/spec/parameters/customFields/0"},
		{"schema/value", 11, 36, "/spec/parameters/customFields/1"},
		{ticket.RuleBadMapping, 11, 36, "/spec/parameters/customFields/1"},
		{ticket.RuleBadMapping, 13, 11, "/spec/time/zone"},
		{ticket.RuleBadMapping, 14, 15, "/spec/time/layouts/0"},
		{ticket.RuleBadMapping, 15, 14, "/spec/delimiter"},
		{ticket.RuleBadMapping, 18, 7, "/kind"},
	}, got)
	// What could be read is: the preset, the good status and layout.
	assert.Equal(t, "broken", m.Name)
	assert.Equal(t, ticket.Waiting, m.Statuses["on hold"])
	assert.Equal(t, []string{"02/Jan/06 3:04 PM"}, m.TimeLayouts)
	assert.Nil(t, m.Location)
	assert.Contains(t, m.Columns[ticket.FieldID], "Issue key", "from the preset it extends")

	_, _, err = ticket.ParseMapping("none.yaml", []byte("apiVersion: opsdesign/v1\nkind: Calendar\nmetadata: {name: c}\nspec: {timeZone: UTC}\n"))
	assert.ErrorIs(t, err, ticket.ErrNoMapping)
	_, _, err = ticket.ReadMapping("no-such-file.yaml")
	assert.Error(t, err)
}

// A TicketMapping kept in a design is found by its name.
func TestDesignMapping(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: desk-jira}
spec:
  extends: jira
  time: {zone: Asia/Tokyo}
`)})
	require.Empty(t, d.Diagnostics())
	m, found, ok := ticket.DesignMapping(d, "desk-jira")
	require.True(t, ok)
	assert.Empty(t, found)
	assert.Equal(t, "Asia/Tokyo", m.Location.String())
	_, _, ok = ticket.DesignMapping(d, "other")
	assert.False(t, ok)
}

// Custom fields become parameters named in lowerCamelCase, numbers for a
// number type; explicit columns win over patterns.
func TestCustomFieldParameters(t *testing.T) {
	m := ticket.Mapping{TypeSuffix: true, CustomFields: []string{"{name} [{type}]", "Custom field ({name})"},
		Parameters: map[string]string{"Custom field (Member ID)": "member"}}
	data := "id,created,Member ID [txt],Seats [int],Custom field (New Address),Custom field (Member ID),Custom field (URL)\n" +
		"1,2026-10-01T09:00:00Z,M1,12,Tokyo,M2,http://x\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "c.csv", m))
	require.Empty(t, found)
	require.Len(t, tickets, 1)
	assert.Equal(t, map[string]any{"memberId": "M1", "seats": jsonNumber("12"), "newAddress": "Tokyo", "member": "M2", "url": "http://x"},
		tickets[0].Parameters)
}

// A header with a type suffix matches a field's column without it; two
// columns giving one parameter are a duplicate.
func TestTypeSuffixColumns(t *testing.T) {
	m, _ := ticket.Preset("zendesk", time.UTC)
	data := "Id,Created at,Request type [list],Member ID [txt],Member id [dec]\n" +
		"1,2026-10-01 09:00:00,住所変更,M1,2\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "z.csv", m))
	require.Len(t, tickets, 1)
	assert.Equal(t, "住所変更", tickets[0].RequestType)
	var dup []finding
	for _, f := range found {
		if f.Rule != ticket.RuleAbsentColumn {
			dup = append(dup, f)
		}
	}
	assert.Equal(t, []finding{{ticket.RuleDuplicateColumn, 1, 51, "/Member id [dec]"}}, dup) // after "Id,Created at,Request type [list],Member ID [txt],"
}

func jsonNumber(s string) any { return json.Number(s) }

// tally counts what a file's rows gave.
func TestTally(t *testing.T) {
	seq, tally := ticket.Tally(ticket.ReadFile("../testdata/tickets/bad/bad-time.csv", ticket.NativeMapping(nil)))
	_, found := collect(t, seq)
	assert.Len(t, found, 4)
	assert.Equal(t, ticket.ImportTally{Rows: 4, Imported: 2, Skipped: 2, Reasons: []ticket.SkipReason{
		{Rule: ticket.RuleAmbiguousTime, Rows: 1}, {Rule: ticket.RuleBadTime, Rows: 1}}}, *tally)
	assert.Equal(t, "4 rows read: 2 imported, 2 skipped (1 ticket/ambiguous-time, 1 ticket/bad-time)", tally.String())
	seq, tally = ticket.Tally(ticket.ReadFile("../testdata/tickets/bad/bad.jsonl", ticket.NativeMapping(nil)))
	_, _ = collect(t, seq)
	// Eight lines that are not blank: three skipped (two that are not
	// JSON objects, one without its creation time).
	assert.Equal(t, ticket.ImportTally{Rows: 8, Imported: 5, Skipped: 3, Reasons: []ticket.SkipReason{
		{Rule: ticket.RuleBadJSON, Rows: 2}, {Rule: ticket.RuleMissingValue, Rows: 1}}}, *tally)
	var d diag.Diagnostic
	var s *ticket.SkippedRow
	for _, err := range ticket.ReadFile("../testdata/tickets/bad/bad-csv.csv", ticket.NativeMapping(nil)) {
		if err != nil {
			require.ErrorAs(t, err, &s)
			require.ErrorAs(t, err, &d, "a skipped row is still a diagnostic")
			assert.Equal(t, ticket.RuleBadCSV, d.Rule)
		}
	}
}

// The mapping says who is a bot: an automation's close, whatever actor
// word the export gives it, is no answer. JSON Lines read the new fields
// under their names.
func TestActorsAndJSONFields(t *testing.T) {
	m := ticket.Mapping{Name: "desk", Actors: map[string]ticket.Actor{"Automation for Jira": ticket.Bot},
		Resolutions: map[string]string{"Duplicate": "duplicate"}}
	line := `{"id":"J-1","created":"2026-08-03T10:00:00+09:00","customer":"Burger Shibuya","resolution":"Duplicate","reopens":2,` +
		`"history":[{"at":"2026-08-03T10:05:00+09:00","status":"closed","actor":"agent","by":"Automation for Jira"}]}` + "\n"
	tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(line), "j.jsonl", m))
	require.Empty(t, found)
	require.Len(t, tickets, 1)
	tk := tickets[0]
	assert.Equal(t, "Burger Shibuya", tk.Customer)
	assert.Equal(t, "duplicate", tk.Exclusion)
	assert.Equal(t, 2, tk.Reopens)
	assert.Equal(t, ticket.Bot, tk.History[0].Actor)
	assert.False(t, tk.History[0].Answers())
}
