package diag

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":                0,
		"abc":             3,
		"会員カード":           10,
		"ポイント-反映されない":     21,
		"ｶﾅ":              2, // half-width katakana take one cell
		"Ａ":               2, // full-width Latin takes two
		"e\u0301":         1, // a combining accent takes none
		"한국":              4,
		"🎉":               2,
		"a\u200bb":        2,
		"24/365 アラート一次対応": 7 + 16,
	} {
		assert.Equal(t, want, Width(s), "%q", s)
	}
}

func TestPad(t *testing.T) {
	assert.Equal(t, "会員  |", PadRight("会員", 6)+"|")
	assert.Equal(t, "  会員", PadLeft("会員", 6))
	assert.Equal(t, "会員カード", PadRight("会員カード", 4), "never cut")
}

func TestTextTable(t *testing.T) {
	var tb TextTable
	tb.Indent = "  "
	tb.Right = []int{1}
	tb.Row("ポイント-反映されない", "31", "tickets")
	tb.Line("heading")
	tb.Row("other", "9", "")
	var b bytes.Buffer
	n, err := tb.WriteTo(&b)
	assert.NoError(t, err)
	assert.Equal(t, int64(b.Len()), n)
	want := "" +
		"  ポイント-反映されない  31  tickets\n" +
		"heading\n" +
		"  other                   9\n"
	assert.Equal(t, want, b.String())
	assert.Equal(t, 0, tb.Len(), "written rows are forgotten")
}

func TestCount(t *testing.T) {
	assert.Equal(t, "1 ticket", Count(1, "ticket"))
	assert.Equal(t, "0 tickets", Count(0, "ticket"))
	assert.Equal(t, "1,200 tickets", Count(1200, "ticket"))
	assert.Equal(t, "2 people", Count(2, "person", "people"))
	assert.Equal(t, "1 person", Count(1, "person", "people"))
	assert.Equal(t, "11 info", Count(11, "info", "info"))
	assert.Equal(t, "-1,234,567", Int(-1234567))
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		f      float64
		digits int
		want   string
	}{
		{154500, 3, "154,500"},
		{1.545e+20, 3, "154,500,000,000,000,000,000"},
		{16539.4, 4, "16,539"},
		{-16039.4, 4, "-16,039"},
		{500, 3, "500"},
		{100.8, 4, "100.8"},
		{100.8, 3, "101"},
		{1234.5, 3, "1,235"},
		{10.08, 3, "10.1"},
		{14.4, 3, "14.4"},
		{6, 3, "6"},
		{0.5, 3, "0.5"},
		{0.0123456, 3, "0.0123"},
		{-0.0000000001, 3, "0"},
		{33.07, 3, "33.1"},
		{99.99, 3, "100"},
		{2.4, 0, "2"}, // at least one digit
		{math.Inf(1), 3, "∞"},
		{math.NaN(), 3, "?"},
	} {
		got := Number(c.f, c.digits)
		assert.Equal(t, c.want, got, "%g to %d digits", c.f, c.digits)
		assert.NotContains(t, got, "e+", "%g", c.f)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                               "0m",
		45 * time.Second:                "45s",
		21 * time.Minute:                "21m",
		21*time.Minute + 20*time.Second: "21m",
		92 * time.Minute:                "1h32m",
		48 * time.Hour:                  "48h",
		150*time.Hour + 56*time.Minute:  "150h56m",
		-(35 * time.Minute):             "-35m",
		time.Hour + 29*time.Second:      "1h",
	} {
		assert.Equal(t, want, Duration(d), "%v", d)
	}
}
