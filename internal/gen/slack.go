package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// SlackExport writes a Slack workspace export of a busy consultation desk
// (about the given number of messages, from 2026-01-01 on, a day at a
// time) in Slack's documented layout, through write (a path inside the
// export and the file's bytes; called once per file). The desk is
// #dev-consult (C0DEV1) and #dev-consult-en (C0DEV2), answered by
// tanaka@example.co.jp and sato@example.co.jp, as in the testdata of
// package ticket/slack, whose design and mapping measure it. Every
// inquiry gets a thread: an agent's answer (the same day mostly, the next
// business day sometimes), often the requester's reply, and an agent's
// reply that resolves it ("解決しました"); a few days carry joins and bot
// messages. The output is deterministic for a given size and seed.
func SlackExport(write func(name string, data []byte) error, messages int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 19))
	tokyo := time.FixedZone("JST", 9*3600)
	users := []map[string]any{
		{"id": "U01TANAKA", "name": "tanaka", "profile": map[string]any{"real_name": "田中 太郎", "email": "tanaka@example.co.jp"}},
		{"id": "U02SATO", "name": "sato.h", "profile": map[string]any{"real_name": "佐藤 花子", "email": "sato@example.co.jp"}},
		{"id": "U03SUZUKI", "name": "suzuki", "profile": map[string]any{"real_name": "鈴木 一郎"}},
	}
	const requesters = 300
	for i := range requesters {
		users = append(users, map[string]any{"id": fmt.Sprintf("U1%07d", i), "name": fmt.Sprintf("dev%d", i),
			"profile": map[string]any{"real_name": fmt.Sprintf("開発者 %d", i), "email": fmt.Sprintf("dev%d@example.co.jp", i)}})
	}
	if err := writeJSON(write, "users.json", users); err != nil {
		return err
	}
	// #infra-help, the testdata's other desk, is there without messages.
	channels := []map[string]any{{"id": "C0DEV1", "name": "dev-consult"}, {"id": "C0DEV2", "name": "dev-consult-en"}, {"id": "C0INF", "name": "infra-help"}}
	if err := writeJSON(write, "channels.json", channels); err != nil {
		return err
	}
	agents := []string{"U01TANAKA", "U02SATO"}
	questions := []string{"本番DBの閲覧権限がほしいです", "CIのキャッシュの使い方を教えてください", "ビルドが失敗します",
		"How do I rotate my API key?", "ステージング環境に入れません", "リリース手順の質問です"}
	// days holds the messages of each channel's day files still to be
	// written, by "channel/date"; a day is written once no later message
	// can fall on it (replies come at most a few days later).
	days := map[string][]map[string]any{}
	flush := func(before string) error {
		keys := make([]string, 0, len(days))
		for k := range days {
			if k[len(k)-10:] < before {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			ms := days[k]
			slices.SortStableFunc(ms, func(a, b map[string]any) int {
				return bytes.Compare([]byte(a["ts"].(string)), []byte(b["ts"].(string)))
			})
			if err := writeJSON(write, k+".json", ms); err != nil {
				return err
			}
			delete(days, k)
		}
		return nil
	}
	seq := 0
	put := func(ch string, at time.Time, m map[string]any) string {
		seq++
		ts := fmt.Sprintf("%d.%06d", at.Unix(), seq%1_000_000)
		m["type"], m["ts"] = "message", ts
		key := ch + "/" + at.In(tokyo).Format(time.DateOnly)
		days[key] = append(days[key], m)
		return ts
	}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, tokyo)
	// A year has 261 weekdays; an inquiry and its thread are 3.5 messages.
	perDay := max(1, messages*2/(261*7))
	for n := 0; n < messages; day = day.AddDate(0, 0, 1) {
		if err := flush(day.AddDate(0, 0, -5).Format(time.DateOnly)); err != nil {
			return err
		}
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if r.IntN(10) == 0 {
			put("dev-consult", day.Add(8*time.Hour), map[string]any{"subtype": "channel_join", "user": fmt.Sprintf("U1%07d", r.IntN(requesters)), "text": "has joined the channel"})
			put("dev-consult", day.Add(12*time.Hour), map[string]any{"subtype": "bot_message", "bot_id": "B0DEPLOY", "username": "deploy-bot", "text": "deploy finished"})
			n += 2
		}
		for range perDay + r.IntN(perDay/2+1) - perDay/4 {
			ch := "dev-consult"
			if r.IntN(4) == 0 {
				ch = "dev-consult-en"
			}
			asker := fmt.Sprintf("U1%07d", r.IntN(requesters))
			agent := agents[r.IntN(len(agents))]
			at := day.Add(8*time.Hour + time.Duration(r.IntN(11*60))*time.Minute)
			answer := at.Add(time.Duration(5+r.IntN(240)) * time.Minute)
			if r.IntN(8) == 0 {
				answer = answer.Add(24 * time.Hour) // the next day
			}
			replies := []map[string]any{{"user": agent, "text": "確認します"}}
			if r.IntN(2) == 0 {
				replies = append(replies, map[string]any{"user": asker, "text": "ありがとうございます"})
			}
			replies = append(replies, map[string]any{"user": agent, "text": "対応しました。解決しました"})
			parent := map[string]any{"user": asker, "text": pick(r, questions), "reply_count": len(replies)}
			ts := put(ch, at, parent)
			parent["thread_ts"] = ts
			for i, rep := range replies {
				rep["thread_ts"] = ts
				put(ch, answer.Add(time.Duration(i*(10+r.IntN(50)))*time.Minute), rep)
			}
			n += 1 + len(replies)
		}
	}
	return flush("9999-99-99")
}

// writeJSON writes a value as Slack does: indented by four spaces.
func writeJSON(write func(string, []byte) error, name string, v any) error {
	data, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		return err
	}
	return write(name, append(data, '\n'))
}
