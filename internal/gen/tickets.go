package gen

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// This file generates realistic ticket exports for tests and benchmarks:
// a month of an MSP's monitoring alerts (native CSV) and an in-house
// support desk's inquiry log (JSON Lines), both against the sample design
// in testdata/sample. Output is deterministic: the same call writes the
// same bytes. The committed files under testdata/tickets are checked
// against it by package ticket's tests (go test ./ticket -run Generated
// -update rewrites them).

// jst is Japan's zone without a database lookup: Japan has no daylight
// saving, so a fixed offset is exact.
var jst = time.FixedZone("JST", 9*3600)

// AlertTargets are the first-response-completion targets per severity the
// generated MSP alerts are held to (elapsed time, around the clock).
func AlertTargets() map[string]time.Duration {
	return map[string]time.Duration{"critical": 30 * time.Minute, "major": time.Hour, "minor": 4 * time.Hour, "warning": 8 * time.Hour}
}

// NativeHeader is the header of the native CSV layout the generators write.
func NativeHeader() []string {
	return []string{"id", "title", "service", "requestType", "category", "severity", "channel", "requester", "assignee",
		"labels", "timeSpent", "created", "completed", "history", "escalations", "parameters",
		"missReason", "missAnalysis", "problem", "improvement"}
}

type event struct {
	at     time.Time
	status string // "" for a comment
	actor  string
	sev    string
	forced string
}

func history(evs []event) string {
	var b strings.Builder
	for i, e := range evs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.at.Format(time.RFC3339))
		b.WriteByte(' ')
		if e.status == "" {
			b.WriteString("comment")
		} else {
			b.WriteString(e.status)
		}
		if e.actor != "" {
			b.WriteString(" " + e.actor)
		}
		if e.sev != "" {
			b.WriteString(" sev=" + e.sev)
		}
		if e.forced != "" {
			b.WriteString(" forced=" + e.forced)
		}
	}
	return b.String()
}

var (
	customers = []string{"cust-a", "cust-b", "cust-c", "cust-d", "cust-e", "cust-f"}
	hosts     = []string{"web01", "web02", "app01", "app02", "db01", "batch01", "lb01"}
	alertKind = []struct {
		title   string
		problem string
		fix     string
	}{
		{"CPU使用率 95%超過", "CPU高騰時の一次切り分け手順がなく、原因プロセスの特定に時間がかかった", "手順書に top/pidstat による原因プロセス特定と、再起動可否の判断基準を追記する"},
		{"ディスク使用率 90%超過", "削除してよいログの場所が手順書に書かれていない", "手順書に削除可能なログのパスとローテーション設定の確認手順を追記する"},
		{"Ping応答なし", "クラウド側の障害か判断する手順がない", "手順書にクラウドのステータスページとサポート窓口への連絡手順を追記する"},
		{"プロセス停止 (nginx)", "再起動後の正常性確認手順が手順書にない", "手順書に再起動後の確認コマンドと切り戻し手順を追記する"},
		{"HTTP応答遅延 5秒超", "遅延時にどのログを見るべきか決まっていない", "監視設定に応答時間の内訳を追加し、手順書に確認するログを明記する"},
		{"メモリ使用率 90%超過", "再起動してよい時間帯がお客様と合意されていない", "お客様と再起動可能時間帯を合意し、パラメータシートに記載する"},
	}
	// Reasons responders choose when an alert missed its target.
	missReasons = []struct {
		reason   string
		weight   int
		improve  bool   // leads to an improvement request
		analysis string // conclusion when no fix is needed
	}{
		{"手順書の不備", 30, true, ""},
		{"調査に時間を要した", 25, true, ""},
		{"エスカレーション先と連絡がつかない", 15, true, ""},
		{"アラート同時多発", 15, false, "対応不要: 同時多発は月1回程度で体制の増強は不要と判断"},
		{"お客様環境の問題", 15, false, "対応不要: お客様側ネットワーク障害のため一次対応では防げない"},
	}
	escalationProblem = "夜間のエスカレーション先の連絡先が古く、電話がつながらなかった"
	escalationFix     = "エスカレーション先の連絡先一覧を毎月棚卸しし、二次連絡先を追加する"
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// alert builds one MSP alert ticket created at created.
func alert(r *rand.Rand, id string, created time.Time) []string {
	targets := AlertTargets()
	sev := "warning"
	switch x := r.IntN(100); {
	case x < 6:
		sev = "critical"
	case x < 24:
		sev = "major"
	case x < 62:
		sev = "minor"
	}
	cust, host := pick(r, customers), pick(r, hosts)
	kind := r.IntN(len(alertKind))
	title := fmt.Sprintf("[%s/%s] %s", cust, host, alertKind[kind].title)
	// The night and weekend shifts are staffed by different people.
	assignee := "takahashi"
	if wd := created.Weekday(); wd == time.Saturday || wd == time.Sunday {
		assignee = "tanaka"
	}
	evs := []event{}
	ack := created.Add(minutes(1 + r.IntN(8)))
	evs = append(evs, event{at: ack, status: "in-progress", actor: "agent:" + assignee})
	// A few alerts are raised to a higher severity once someone looks.
	final := sev
	if sev == "minor" && r.IntN(100) < 4 {
		final = "major"
		evs = append(evs, event{at: ack.Add(minutes(2 + r.IntN(5))), actor: "agent:" + assignee, sev: final})
	}
	target := targets[final]
	// Most alerts finish their first response well within target; some
	// overrun.
	var counted time.Duration
	if r.IntN(100) < 9 {
		counted = time.Duration(float64(target) * (1.15 + 1.5*r.Float64())).Round(time.Minute)
	} else {
		counted = time.Duration(float64(target) * (0.2 + 0.7*r.Float64())).Round(time.Minute)
	}
	if counted <= ack.Sub(created)+5*time.Minute {
		counted = ack.Sub(created) + 5*time.Minute
		if counted > target && target-time.Minute > ack.Sub(created) {
			counted = target - time.Minute
		}
	}
	// Some wait on the customer (a maintenance window to confirm): the
	// clock pauses.
	var pause time.Duration
	if r.IntN(100) < 10 {
		from := ack.Add(minutes(1 + r.IntN(3)))
		pause = minutes(15 + r.IntN(90))
		evs = append(evs, event{at: from, status: "waiting", actor: "agent:" + assignee})
		evs = append(evs, event{at: from.Add(pause), status: "in-progress", actor: "requester:" + cust})
	}
	var escal string
	if r.IntN(100) < 12 {
		at := ack.Add(minutes(3 + r.IntN(10)))
		escal = at.Format(time.RFC3339) + " suzuki"
		evs = append(evs, event{at: at, actor: "agent:suzuki"})
	}
	completed := created.Add(counted + pause)
	resolved := completed.Add(minutes(r.IntN(120)))
	evs = append(evs, event{at: resolved, status: "resolved", actor: "agent:" + assignee})
	sortEvents(evs)
	spent := int(counted/time.Minute) + r.IntN(30)
	row := []string{id, title, "alert-response", "investigate-alert", "incident", sev, "alert", "zabbix", assignee,
		cust, strconv.Itoa(spent) + "m", created.Format(time.RFC3339), completed.Format(time.RFC3339), history(evs), escal, "", "", "", "", ""}
	if counted > target {
		x := r.IntN(100)
		switch {
		case x < 10: // nobody wrote why
		case x < 20:
			row[16] = pickReason(r).reason // a reason, never analysed
		default:
			mr := pickReason(r)
			row[16] = mr.reason
			switch {
			case !mr.improve:
				row[17] = mr.analysis
			case mr.reason == "エスカレーション先と連絡がつかない":
				row[17], row[18], row[19] = "改善依頼", escalationProblem, escalationFix
			default:
				row[17], row[18], row[19] = "改善依頼", alertKind[kind].problem, alertKind[kind].fix
			}
		}
	}
	return row
}

func pickReason(r *rand.Rand) struct {
	reason   string
	weight   int
	improve  bool
	analysis string
} {
	total := 0
	for _, m := range missReasons {
		total += m.weight
	}
	x := r.IntN(total)
	for _, m := range missReasons {
		if x < m.weight {
			return m
		}
		x -= m.weight
	}
	return missReasons[0]
}

func sortEvents(evs []event) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].at.Before(evs[j-1].at); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

// MSPAlerts writes n monitoring alerts of an MSP's first line, as the
// native CSV layout, starting at start and spread evenly (with jitter)
// over the following days at perDay alerts a day. The same arguments
// always write the same bytes.
func MSPAlerts(w io.Writer, n, perDay int, start time.Time, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	cw := csv.NewWriter(w)
	if err := cw.Write(NativeHeader()); err != nil {
		return err
	}
	step := 24 * time.Hour / time.Duration(max(perDay, 1))
	for i := range n {
		created := start.Add(time.Duration(i)*step + time.Duration(r.Int64N(int64(step)))).Truncate(time.Minute)
		id := fmt.Sprintf("MSP-%07d", i+1)
		if err := cw.Write(alert(r, id, created.In(jst))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// MSPMonth writes the sample month: October 2026's 420 alerts of the
// sample design's alert-response service.
func MSPMonth(w io.Writer) error {
	return MSPAlerts(w, 420, 420/31+1, time.Date(2026, 10, 1, 0, 0, 0, 0, jst), 202610)
}

// InquiryCalendar is the support desk's calendar in the inquiry log:
// Monday to Friday, 09:00 to 18:00 in Tokyo, Japanese holidays and the
// year-end break off.
func InquiryCalendar() *slo.Calendar {
	return slo.MustNewCalendar(slo.CalendarSpec{
		TimeZone: "Asia/Tokyo",
		Hours:    []slo.Shift{slo.MustParseShift("mon-fri 09:00-18:00")},
		Holidays: []string{"jp"},
		Closures: []slo.Closure{{From: slo.MonthDay{Month: 12, Day: 29}, To: slo.MonthDay{Month: 1, Day: 3}}},
	})
}

type jsonActivity struct {
	At       string `json:"at"`
	Status   string `json:"status,omitempty"`
	Actor    string `json:"actor,omitempty"`
	By       string `json:"by,omitempty"`
	Severity string `json:"severity,omitempty"`
	Forced   bool   `json:"forced,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

type jsonTicket struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Service     string         `json:"service"`
	RequestType string         `json:"requestType,omitempty"`
	Category    string         `json:"category"`
	Severity    string         `json:"severity"`
	Channel     string         `json:"channel"`
	Requester   string         `json:"requester"`
	Assignee    string         `json:"assignee,omitempty"`
	Labels      []string       `json:"labels,omitempty"`
	TimeSpent   string         `json:"timeSpent,omitempty"`
	Created     string         `json:"created"`
	Parameters  map[string]any `json:"parameters,omitempty"`
	History     []jsonActivity `json:"history"`
}

// Inquiries writes the in-house support desk's inquiry log as JSON Lines:
// member-card requests from August to October 2026. The catch-all "other"
// grows month by month, driven by recurring questions about points and
// coupons; some chat requests were never completed; some requests came by
// channels their type does not accept; a forced-close run on 2026-09-01
// closed the stale tickets of August, after which fewer were filed; and
// some tickets are still open at the end of October.
func Inquiries(w io.Writer) error {
	r := rand.New(rand.NewPCG(20260801, 7))
	cal := InquiryCalendar()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	staff := []string{"yamada", "inoue", "kimura"}
	months := []struct {
		start      time.Time
		days, n    int
		otherShare int // percent
	}{
		{time.Date(2026, 8, 1, 0, 0, 0, 0, jst), 31, 110, 22},
		{time.Date(2026, 9, 1, 0, 0, 0, 0, jst), 30, 66, 33},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, jst), 30, 100, 45},
	}
	seq := 0
	for mi, m := range months {
		for k := range m.n {
			seq++
			// Spread over the month's working days, most in office hours.
			dayOff := k * m.days / m.n
			created := m.start.AddDate(0, 0, dayOff).Add(time.Duration(8*60+r.IntN(11*60)) * time.Minute)
			if created.Weekday() == time.Sunday {
				created = created.AddDate(0, 0, 1)
			}
			t := inquiry(r, cal, fmt.Sprintf("MC-%04d", seq), created, staff, m.otherShare, mi)
			if err := enc.Encode(t); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

var (
	otherTitles = []struct {
		title  string
		weight int
	}{
		{"ポイントが反映されない", 40},
		{"購入したのにポイントが反映されない", 12},
		{"クーポンが使えない", 22},
		{"アプリにログインできない", 14},
	}
	oneOffTitles = []string{
		"店舗の営業時間について", "駐車場はありますか", "アレルギー表示について", "会員規約の変更点を知りたい",
		"家族でカードを共有したい", "誕生日特典の受け取り方", "領収書の再発行", "商品の持ち帰り容器について",
		"店舗スタッフの対応について", "キャンペーンの応募方法", "退会の方法", "メールマガジンの停止",
	}
)

// inquiry builds one member-card inquiry.
func inquiry(r *rand.Rand, cal *slo.Calendar, id string, created time.Time, staff []string, otherShare, month int) jsonTicket {
	t := jsonTicket{ID: id, Service: "member-card", Category: "request", Severity: "normal", Created: created.Format(time.RFC3339),
		Requester: fmt.Sprintf("member-%03d", 1+r.IntN(180))}
	if r.IntN(100) < 8 {
		t.Severity = "high"
	}
	memberID := fmt.Sprintf("M%08d", 10000000+r.IntN(89999999))
	switch x := r.IntN(100); {
	case x < otherShare:
		t.RequestType = "other"
		t.Category = "question"
		if r.IntN(100) < 70 {
			total := 0
			for _, o := range otherTitles {
				total += o.weight
			}
			y := r.IntN(total)
			for _, o := range otherTitles {
				if y < o.weight {
					t.Title = o.title
					break
				}
				y -= o.weight
			}
		} else {
			t.Title = pick(r, oneOffTitles)
		}
		t.Channel = "form"
		if r.IntN(100) < 12 {
			t.Channel = "email"
		}
		if r.IntN(100) < 6 {
			t.RequestType = "" // filed without a type
		}
	case x < otherShare+(100-otherShare)/2:
		t.RequestType = "reissue-card"
		t.Title = "カード再発行のお願い"
		reason := pick(r, []string{"lost", "damaged", "stolen"})
		t.Channel = "form"
		switch y := r.IntN(100); {
		case y < 30:
			t.Channel = "chat"
		case y < 38:
			t.Channel = "phone" // the design does not take reissues by phone
		}
		t.Parameters = map[string]any{"memberId": memberID, "reason": reason}
		if t.Channel == "chat" && r.IntN(100) < 25 {
			delete(t.Parameters, "reason") // the chat was never completed
		}
		if r.IntN(100) < 4 {
			t.Parameters["memberId"] = strings.ToLower(memberID) // typed by hand
		}
	default:
		t.RequestType = "change-address"
		t.Title = "住所変更"
		t.Channel = pick(r, []string{"form", "form", "portal", "portal", "email"})
		t.Parameters = map[string]any{"memberId": memberID, "newAddress": fmt.Sprintf("東京都新宿区西新宿%d-%d-%d", 1+r.IntN(8), 1+r.IntN(20), 1+r.IntN(30))}
	}
	if r.IntN(100) < 5 {
		t.RequestType = "point-inquiry" // a type the catalog does not have
		t.Title = "ポイント履歴の照会"
		t.Parameters = nil
	}
	assignee := pick(r, staff)
	t.Assignee = assignee
	open := cal.NextOpen(created)
	// The first answer comes within the business day, almost always.
	answer := cal.AddBusinessTime(open, minutes(5+r.IntN(120)))
	if r.IntN(100) < 4 {
		answer = cal.AddBusinessTime(open, minutes(9*60+r.IntN(6*60))) // the next business day
	}
	var hs []jsonActivity
	add := func(at time.Time, status, actor, by string) {
		hs = append(hs, jsonActivity{At: at.Format(time.RFC3339), Status: status, Actor: actor, By: by})
	}
	add(answer, "in-progress", "agent", assignee)
	work := answer
	if r.IntN(100) < 15 {
		// Waiting for the member to send something.
		add(work.Add(minutes(2)), "waiting", "agent", assignee)
		back := cal.AddBusinessTime(work, minutes(30+r.IntN(8*60)))
		add(back, "in-progress", "requester", t.Requester)
		work = back
	}
	resolve := cal.AddBusinessTime(work, minutes(10+r.IntN(5*60)))
	if r.IntN(100) < 8 {
		resolve = cal.AddBusinessTime(work, minutes(9*60+r.IntN(18*60))) // drags over a day or two
	}
	spent := 10 + r.IntN(50)
	t.TimeSpent = strconv.Itoa(spent) + "m"
	endOfLog := time.Date(2026, 10, 30, 18, 0, 0, 0, jst)
	switch {
	case month == 0 && created.Day() <= 12 && r.IntN(100) < 14:
		// Left open in August, force-closed on 2026-09-01 by the stale policy.
		if r.IntN(100) < 70 {
			t.Assignee = "inoue"
			hs[0].By = "inoue"
		}
		hs = append(hs, jsonActivity{At: time.Date(2026, 9, 1, 10, 0, 0, 0, jst).Format(time.RFC3339), Status: "closed", Actor: "bot",
			By: "ticket-policy", Forced: true, Reason: "stale"})
	case month == 1 && created.Day() <= 20 && r.IntN(100) < 9:
		// Forgotten since September: due for the next forced close.
	case month == 2 && created.Day() >= 5 && r.IntN(100) < 16:
		// Still open at the end of the log, some with only a bot's reminders since.
		if r.IntN(100) < 40 {
			rem := cal.AddBusinessTime(work, 9*60*minutes(5))
			if rem.Before(endOfLog) {
				add(rem, "", "bot", "remind-bot")
			}
		}
		if r.IntN(100) < 20 {
			t.Labels = []string{"frozen"}
		}
	case resolve.After(endOfLog):
		// Not resolved yet at the end of the log.
	default:
		add(resolve, "resolved", "agent", t.Assignee)
		if r.IntN(100) < 4 {
			re := resolve.Add(minutes(60 + r.IntN(600)))
			add(re, "reopened", "requester", t.Requester)
			fin := cal.AddBusinessTime(cal.NextOpen(re), minutes(30+r.IntN(120)))
			if fin.Before(endOfLog) {
				add(fin, "resolved", "agent", t.Assignee)
			}
		}
	}
	t.History = hs
	return t
}
