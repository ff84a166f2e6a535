package ticket

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLocaleToEnglish(t *testing.T) {
	for in, want := range map[string]string{
		"02/12月/26 4:07 午後": "02/Dec/26 4:07 PM",
		"17/7月/26 12:05 午前": "17/Jul/26 12:05 AM",
		"01/1月/26 9:00 午前":  "01/Jan/26 9:00 AM",
		"2026/12/02 16:07":  "",   // nothing to rewrite
		"13月":               "",   // no such month: left as it is
		"112月":              "",   // three digits: not a month
		"午後":                "PM", // a word alone
	} {
		got, ok := localeToEnglish(in)
		if want == "" {
			assert.False(t, ok && got != in, "%q gave %q", in, got)
			continue
		}
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
}

// jiraJapanese writes an instant as Jira's Japanese locale does:
// dd/M月/yy h:mm 午前|午後.
func jiraJapanese(t time.Time) string {
	ampm := "午前"
	if t.Hour() >= 12 {
		ampm = "午後"
	}
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%02d/%d月/%02d %d:%02d %s", t.Day(), int(t.Month()), t.Year()%100, h, t.Minute(), ampm)
}

func jiraPreset(t testing.TB) Mapping {
	m, ok := Preset("jira", nil)
	require.True(t, ok)
	loc, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	m.Location = loc
	return m
}

// The new layouts read what Jira writes, in both locales, to the
// minute, whatever the instant; and any text is read or refused without
// a panic.
func FuzzJiraTimes(f *testing.F) {
	for _, s := range []string{"02/12月/26 4:07 午後", "2026/12/02 16:07", "17/Jul/26 7:40 PM", "12/1月/26 12:00 午前", "99/99月/99 99:99 午後", "月午月"} {
		f.Add(s, int64(1_780_000_000))
	}
	m := jiraPreset(f)
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		if got, err := m.parseTime(s); err == nil && got.IsZero() {
			t.Fatalf("%q read as the zero time", s)
		}
		if en, ok := localeToEnglish(s); ok && (strings.Contains(en, "午前") || strings.Contains(en, "午後")) {
			t.Fatalf("%q: 午前/午後 left in %q", s, en)
		}
		// From 1970 to 2069, as two-digit years are read.
		at := time.Unix(((unix%3_155_760_000)+3_155_760_000)%3_155_760_000, 0).In(m.Location).Truncate(time.Minute)
		for _, text := range []string{jiraJapanese(at), at.Format("2006/01/02 15:04"), at.Format("02/Jan/06 3:04 PM")} {
			got, err := m.parseTime(text)
			if err != nil || !got.Equal(at) {
				// A wall time that occurs twice or never (no DST in Tokyo
				// since 1951) cannot round-trip; Tokyo has none here.
				t.Fatalf("%q (%v): read %v, %v", text, at, got, err)
			}
		}
	})
}

func TestPatterns(t *testing.T) {
	for _, tt := range []struct{ pattern, header, name, typ string }{
		{"Custom field ({name})", "Custom field (Member ID)", "Member ID", ""},
		{"Custom field ({name})", "custom FIELD (Reason)", "Reason", ""},
		{"Custom field ({name})", "Custom field ()", "", ""},
		{"{name} [{type}]", "Member ID [txt]", "Member ID", "txt"},
		{"{name} [{type}]", "Seats [int]", "Seats", "int"},
		{"{name} [{type}]", "Odd [name] here [list]", "Odd [name] here", "list"},
		{"{name} [{type}]", "Not a type [two words]", "", ""},
		{"{name} [{type}]", "No suffix", "", ""},
		{"[{type}] {name}", "[list] Reason", "Reason", "list"},
	} {
		p, err := parsePattern(tt.pattern)
		require.NoError(t, err, tt.pattern)
		name, typ, ok := p.match(tt.header)
		assert.Equal(t, tt.name != "", ok, "%s on %q", tt.pattern, tt.header)
		assert.Equal(t, tt.name, name, "%s on %q", tt.pattern, tt.header)
		assert.Equal(t, tt.typ, typ, "%s on %q", tt.pattern, tt.header)
	}
	for _, bad := range []string{"no placeholder", "{type}", "{name}{type}", "{name} {name}", "{field}", "{name"} {
		_, err := parsePattern(bad)
		assert.Error(t, err, bad)
	}
	for in, want := range map[string]string{
		"Member ID": "memberId", "New address": "newAddress", "URL": "url", "newAddress": "newAddress",
		"Total time spent (sec)": "totalTimeSpentSec", "会員番号": "会員番号", "SLA level": "slaLevel", "  ": "",
	} {
		assert.Equal(t, want, lowerCamel(in), in)
	}
	for in, want := range map[string]string{"Member ID [txt]": "Member ID", "Tags": "", "[list]": "", "A [b c]": ""} {
		got, ok := stripTypeSuffix(in)
		if want == "" {
			assert.False(t, ok, in)
			continue
		}
		assert.Equal(t, want, got, in)
	}
	for l, lacks := range map[string]string{"02/Jan/06 3:04 PM": "", "2006/01/02 15:04": "", "15:04": "year", "2006 15:04": "month", "Jan 2006": "day"} {
		assert.Equal(t, lacks, layoutLacks(l), l)
	}
}
