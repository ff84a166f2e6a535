package slack_test

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

var tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// jst is an instant of November 2026 in Tokyo.
func jst(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, 0, 0, tokyo)
}

// setup loads the testdata design and the mapping's slack section.
func setup(t testing.TB) (*catalog.Design, slack.Config) {
	t.Helper()
	d, err := catalog.Load("testdata/design.yaml")
	require.NoError(t, err)
	m, found, err := ticket.ReadMapping("testdata/mapping.yaml")
	require.NoError(t, err)
	require.Empty(t, found)
	c, found, err := slack.NewConfig(m, d)
	require.NoError(t, err)
	require.Empty(t, found)
	return d, c
}

type verdictKey struct{ ticket, objective string }

// measure reviews an export as of Friday 6 November 2026, 18:00 in Tokyo.
func measure(t *testing.T, d *catalog.Design, tickets func(func(ticket.Ticket, error) bool)) (*ticket.Reports, map[verdictKey]ticket.TicketVerdict) {
	t.Helper()
	verdicts := map[verdictKey]ticket.TicketVerdict{}
	rep, err := ticket.Measure(d, tickets, ticket.MeasureOptions{Review: true, Inventory: true, Now: jst(6, 18, 0),
		OnVerdict: func(v ticket.TicketVerdict) { verdicts[verdictKey{v.Ticket, v.Objective}] = v }})
	require.NoError(t, err)
	return rep, verdicts
}

// The testdata export: a consultation desk over #dev-consult (C0DEV1) and
// #dev-consult-en (C0DEV2), answered by tanaka and sato (team dev-desk),
// and an infrastructure desk #infra-help answered by suzuki, the week of
// Monday 2 November 2026. Tuesday 3 November is a holiday (文化の日).
// Business hours are 09:00-12:00 and 13:00-17:30 in Tokyo. Objectives:
// first response within 1bd and resolution within 3bd at the consultation
// desk, first response within 4bh at the infrastructure desk. The review
// is as of Friday 6 November 18:00.
//
// Every inquiry, with its verdicts computed from the calendar:
//
//	I1 dev-consult Mon 10:00 yamada, access (keyword 権限). tanaka replies
//	   10:30, yamada thanks 11:00, tanaka "解決しました" 14:00.
//	   First response met: 30m. Resolution met: 10:00-12:00 and 13:00-14:00
//	   = 3h. Same day: answered Mon 10:30, before Mon 17:30: yes.
//	I2 dev-consult-en Mon 16:50 ito, how-to ("How do I"), edited at 16:55
//	   (the edit does not move it), ✅ by ito himself. sato replies Wed
//	   09:40 (after the holiday), ito thanks Wed 10:00.
//	   First response met: Mon 16:50-17:30 40m + Wed 09:00-09:40 40m =
//	   1h20m, deadline the close of the next business day, Wed 17:30.
//	   Resolution by the reaction, at the thread's last message, Wed 10:00,
//	   the requester's: 40m + 1h = 1h40m, met. Same day: the day's close
//	   is Mon 17:30, answered Wed: no.
//	I3 dev-consult Mon 18:30 (after hours) kato, other (no keyword).
//	   tanaka replies on the holiday, Tue 10:00. No resolution.
//	   First response met with 0 counted (no business time from Mon 18:30
//	   to Tue 10:00). Resolution pending: the start belongs to Wed's
//	   business day, three business days after it is Mon 9 Nov 17:30.
//	   Same day: arrived after hours, so Wed's close counts: yes.
//	I4 dev-consult Wed 09:15 suzuki (an agent of infra-help, a requester
//	   here), access (keyword 権限, and the :key: reaction). suzuki adds
//	   a detail 09:20 (the requester's, no answer). tanaka answers Fri
//	   10:00 with "理由: 前日の障害対応で遅れました"; sato writes
//	   "[resolved]" Fri 10:30, edited at 11:00.
//	   First response missed: deadline Thu 17:30 (budget Wed 09:15-17:30
//	   = 7h15m + Thu 7h30m = 14h45m); counted 15h45m to Fri 10:00, late
//	   1h. Resolution at the edit, Fri 11:00: Wed 7h15m + Thu 7h30m + Fri
//	   2h = 16h45m, within the deadline Mon 9 Nov 17:30: met. Same day no.
//	I5 dev-consult-en Thu 11:00, deleted (a tombstone) with one reply: no
//	   inquiry, both counted as deleted.
//	I6 dev-consult Thu 13:30 ito, how-to (使い方). tanaka answers in
//	   #dev-consult-en at 14:00 with a link to it (a channel answer).
//	   First response met: 30m. Resolution pending, deadline Tue 10 Nov
//	   17:30. Same day: yes.
//	I7 dev-consult Fri 09:05, posted by the intake workflow 相談フォーム
//	   for kato, type access (its 種別 field). sato replies 09:30; the
//	   workflow クローズ closes it at 10:00 (a bot's resolution).
//	   First response met: 25m. Resolution met: 55m. Same day: yes.
//	I8 dev-consult Fri 17:00 kato, other, no reply.
//	   First response pending: deadline Mon 9 Nov 17:30. Resolution
//	   pending, deadline Wed 11 Nov 17:30. Same day: the close, Fri
//	   17:30, passed by 18:00 unanswered: counted, no.
//	J1 infra-help Mon 13:30 tanaka (an agent of dev-consult, a requester
//	   here). suzuki replies 13:45; tanaka writes "解決しました" 14:00.
//	   First response met: 15m. Same day: yes.
//
// Same-day rate: I1, I3, I6, I7, J1 yes; I2, I4, I8 no: 5 of 8; at the
// consultation desk 4 of 7.
func TestReviewHandComputed(t *testing.T) {
	d, c := setup(t)
	seq, tally := slack.ReadFile("testdata/export", c)
	rep, verdicts := measure(t, d, seq)
	assert.Empty(t, rep.Findings)

	const (
		i1 = "dev-consult/1793581200.000100"
		i2 = "dev-consult-en/1793605800.000100"
		i3 = "dev-consult/1793611800.000100"
		i4 = "dev-consult/1793751300.000100"
		i6 = "dev-consult/1793853000.000100"
		i7 = "dev-consult/1793923500.000100"
		i8 = "dev-consult/1793952000.000100"
		j1 = "infra-help/1793593800.000100"
	)
	type want struct {
		result   ticket.Result
		counted  time.Duration
		late     time.Duration
		deadline time.Time
	}
	fr, res := "dev-first-response", "dev-resolution"
	wants := map[verdictKey]want{
		{i1, fr}:  {ticket.ResultMet, 30 * time.Minute, 0, jst(4, 17, 30)},
		{i1, res}: {ticket.ResultMet, 3 * time.Hour, 0, jst(6, 17, 30)},
		{i2, fr}:  {ticket.ResultMet, 80 * time.Minute, 0, jst(4, 17, 30)},
		{i2, res}: {ticket.ResultMet, 100 * time.Minute, 0, jst(6, 17, 30)},
		{i3, fr}:  {ticket.ResultMet, 0, 0, jst(5, 17, 30)},
		{i3, res}: {ticket.ResultPending, 22*time.Hour + 30*time.Minute, 0, jst(9, 17, 30)},
		{i4, fr}:  {ticket.ResultMissed, 15*time.Hour + 45*time.Minute, time.Hour, jst(5, 17, 30)},
		{i4, res}: {ticket.ResultMet, 16*time.Hour + 45*time.Minute, 0, jst(9, 17, 30)},
		{i6, fr}:  {ticket.ResultMet, 30 * time.Minute, 0, jst(6, 17, 30)},
		{i6, res}: {ticket.ResultPending, 4*time.Hour + 7*time.Hour + 30*time.Minute, 0, jst(10, 17, 30)},
		{i7, fr}:  {ticket.ResultMet, 25 * time.Minute, 0, jst(9, 17, 30)},
		{i7, res}: {ticket.ResultMet, 55 * time.Minute, 0, jst(11, 17, 30)},
		{i8, fr}:  {ticket.ResultPending, 30 * time.Minute, 0, jst(9, 17, 30)},
		{i8, res}: {ticket.ResultPending, 30 * time.Minute, 0, jst(11, 17, 30)},
		// 4bh from Mon 13:30:00.0001 runs out 100µs after the close, at
		// the next opening: Wed 09:00 (Tue is a holiday).
		{j1, "infra-first-response"}: {ticket.ResultMet, 15 * time.Minute, 0, jst(4, 9, 0)},
	}
	// I3 counts Wed, Thu and Fri in full to Fri 18:00 (3 × 7h30m); I6
	// counts Thu 13:30-17:30 (4h) and Fri (7h30m); I8 Fri 17:00-17:30.
	// I3's first-response deadline is the close of the business day after
	// Wed (its start's business day), Thu; I1's 1bd deadline is Wed (Tue
	// is a holiday), its 3bd one Fri.
	for k, w := range wants {
		v, ok := verdicts[k]
		if !assert.True(t, ok, "no verdict for %v", k) {
			continue
		}
		assert.Equal(t, w.result, v.Result, "%v", k)
		// Slack's timestamps carry microseconds (.000100): figures are
		// compared to the second.
		assert.Equal(t, w.counted, time.Duration(v.Counted).Round(time.Second), "%v counted", k)
		assert.Equal(t, w.late, time.Duration(v.Late).Round(time.Second), "%v late", k)
		assert.True(t, w.deadline.Equal(v.Deadline.Round(time.Second)), "%v deadline %v, want %v", k, v.Deadline.In(tokyo), w.deadline)
	}
	assert.Len(t, verdicts, len(wants), "every inquiry gets exactly the verdicts above")

	r := rep.Review
	require.NotNil(t, r.SameDay)
	assert.Equal(t, 8, r.SameDay.Tickets)
	assert.Equal(t, 5, r.SameDay.Answered)
	for _, sd := range r.SameDayByService {
		switch sd.Service {
		case "dev-consult":
			assert.Equal(t, [2]int{7, 4}, [2]int{sd.Tickets, sd.Answered})
		case "infra-help":
			assert.Equal(t, [2]int{1, 1}, [2]int{sd.Tickets, sd.Answered})
		}
	}
	require.Len(t, r.Misses, 1)
	miss := r.Misses[0]
	assert.Equal(t, i4, miss.Ticket)
	assert.Equal(t, "前日の障害対応で遅れました", miss.Note.Reason)
	assert.Equal(t, "tanaka", miss.Assignee)
	assert.Equal(t, "https://example.slack.com/archives/C0DEV1/p1793751300000100", miss.Link)
	assert.Equal(t, diag.Pos{File: "testdata/export/dev-consult/2026-11-04.json", Line: 2, Column: 5}, miss.Pos)

	assert.Equal(t, ticket.ChatTally{Desks: 2, Channels: 3, Files: 9, Messages: 28, Inquiries: 8, Replies: 12, ChannelAnswers: 1,
		AgentPosts: 1, Bots: 2, Joins: 1, Notices: 1, Deleted: 2}, *tally)
	assert.Equal(t, tally.Messages, tally.Sum(), "every message is counted once")
}

// TestInquiryTickets pins what each inquiry becomes: type, requester,
// assignee, status.
func TestInquiryTickets(t *testing.T) {
	_, c := setup(t)
	seq, _ := slack.ReadFile("testdata/export", c)
	got := map[string]ticket.Ticket{}
	for tk, err := range seq {
		require.NoError(t, err)
		got[tk.ID] = tk
	}
	require.Len(t, got, 8)
	type want struct{ requestType, requester, assignee string }
	for id, w := range map[string]want{
		"dev-consult/1793581200.000100":    {"access", "山田", "tanaka"},
		"dev-consult-en/1793605800.000100": {"how-to", "ken", "sato"},
		"dev-consult/1793611800.000100":    {"", "加藤", "tanaka"},
		"dev-consult/1793751300.000100":    {"access", "鈴木 一郎", "tanaka"},
		"dev-consult/1793853000.000100":    {"how-to", "ken", "tanaka"},
		"dev-consult/1793923500.000100":    {"access", "加藤", "sato"},
		"dev-consult/1793952000.000100":    {"", "加藤", ""},
		"infra-help/1793593800.000100":     {"", "田中", "suzuki"},
	} {
		tk := got[id]
		assert.Equal(t, w, want{tk.RequestType, tk.Requester, tk.Assignee}, id)
		assert.Equal(t, ticket.Chat, tk.Channel)
	}
	i7 := got["dev-consult/1793923500.000100"]
	assert.Equal(t, "GitHub organization への招待", i7.Title)
	assert.Equal(t, ticket.Resolved, i7.Status())
	assert.Equal(t, ticket.Bot, i7.History[len(i7.History)-1].Actor)
	i8 := got["dev-consult/1793952000.000100"]
	assert.Equal(t, ticket.Open, i8.Status())
}

// TestZip reads the same export from a ZIP file as Slack's download
// gives it, and from one zipped with its folder around it.
func TestZip(t *testing.T) {
	d, c := setup(t)
	_, want := measure(t, d, must(slack.ReadFile("testdata/export", c)))
	for _, prefix := range []string{"", "example Slack export Nov 2 2026 - Nov 6 2026/"} {
		zipName := filepath.Join(t.TempDir(), "export.zip")
		writeZip(t, zipName, "testdata/export", prefix)
		seq, tally := slack.ReadFile(zipName, c)
		rep, got := measure(t, d, seq)
		assert.Empty(t, rep.Findings)
		assert.Equal(t, 28, tally.Messages)
		require.Len(t, got, len(want))
		for k, v := range want {
			g := got[k]
			assert.Equal(t, v.Result, g.Result, "%v", k)
			assert.Equal(t, strings.Replace(v.Pos.File, "testdata/export", zipName, 1), g.Pos.File)
		}
	}
}

func must(seq func(func(ticket.Ticket, error) bool), _ *ticket.ChatTally) func(func(ticket.Ticket, error) bool) {
	return seq
}

func writeZip(t *testing.T, name, dir, prefix string) {
	t.Helper()
	f, err := os.Create(name)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	require.NoError(t, fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}))
	require.NoError(t, zw.Close())
}
