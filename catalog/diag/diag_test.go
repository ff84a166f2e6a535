package diag_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

func TestListSortsByPositionThenRule(t *testing.T) {
	l := diag.List{
		{Rule: "b/x", Pos: diag.Pos{File: "b.yaml", Line: 1, Column: 1}},
		{Rule: "a/y", Pos: diag.Pos{File: "a.yaml", Line: 3, Column: 2}},
		{Rule: "a/x", Pos: diag.Pos{File: "a.yaml", Line: 3, Column: 2}},
		{Rule: "a/z", Pos: diag.Pos{File: "a.yaml", Line: 2, Column: 9}},
	}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Pos.String()+" "+d.Rule)
	}
	assert.Equal(t, []string{"a.yaml:2:9 a/z", "a.yaml:3:2 a/x", "a.yaml:3:2 a/y", "b.yaml:1:1 b/x"}, got)
}

func TestListErr(t *testing.T) {
	assert.NoError(t, diag.List(nil).Err())
	l := diag.List{
		{Rule: "ticket/bad-time", Severity: diag.Error, Pos: diag.Pos{File: "t.csv", Line: 4, Column: 7}, Message: "bad"},
		{Rule: "ticket/unknown-field", Severity: diag.Warning, Message: "odd"},
	}
	err := l.Err()
	require.Error(t, err)
	assert.Equal(t, "t.csv:4:7: error: bad [ticket/bad-time] (and 1 more)", err.Error())
	var back diag.List
	require.True(t, errors.As(err, &back))
	assert.Len(t, back, 2)
	var one diag.Diagnostic
	require.True(t, errors.As(err, &one))
	assert.Equal(t, "ticket/bad-time", one.Rule)
	assert.Equal(t, diag.Error, l.Max())
	assert.Equal(t, 2, l.Count(diag.Warning))
	assert.Len(t, l.ByRule("ticket/unknown-field"), 1)
}

func TestPosString(t *testing.T) {
	assert.Equal(t, "-", diag.Pos{}.String())
	assert.Equal(t, "f.yaml", diag.Pos{File: "f.yaml"}.String())
	assert.Equal(t, "f.yaml:3", diag.Pos{File: "f.yaml", Line: 3}.String())
	assert.Equal(t, "3:4", diag.Pos{Line: 3, Column: 4}.String())
}

func TestSeverityText(t *testing.T) {
	for _, s := range []string{"info", "note", "warning", "warn", "error", " Error "} {
		_, err := diag.ParseSeverity(s)
		assert.NoError(t, err, s)
	}
	_, err := diag.ParseSeverity("fatal")
	assert.ErrorIs(t, err, diag.ErrBadSeverity)
	b, err := diag.Warning.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "warning", string(b))
	_, err = diag.Severity(0).MarshalText()
	assert.ErrorIs(t, err, diag.ErrBadSeverity)
}

func TestRuleInfoValidate(t *testing.T) {
	ok := diag.RuleInfo{ID: "events/bad-time", Doc: "A bad time.", Severity: diag.Error}
	assert.NoError(t, ok.Validate())
	for _, bad := range []diag.RuleInfo{
		{ID: "BadTime", Doc: "x", Severity: diag.Error},
		{ID: "events/bad-time", Severity: diag.Error},
		{ID: "events/bad-time", Doc: "x"},
	} {
		assert.ErrorIs(t, bad.Validate(), diag.ErrInvalidRule, bad.ID)
	}
}

func TestTable(t *testing.T) {
	tab := diag.NewTable(diag.SortRules([]diag.RuleInfo{
		{ID: "x/b", Doc: "b", Severity: diag.Info},
		{ID: "x/a", Doc: "a", Severity: diag.Warning},
	}))
	assert.Equal(t, diag.Warning, tab.Severity("x/a"))
	assert.Equal(t, diag.Info, tab.Severity("x/b"))
	assert.Equal(t, diag.Error, tab.Severity("x/typo"), "an unknown ID is never graded lower")
}
