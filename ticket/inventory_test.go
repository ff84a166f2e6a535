package ticket_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

func inventoryOfInquiries(t *testing.T, cfg ticket.InventoryConfig) *ticket.InventoryReport {
	t.Helper()
	d := loadSample(t)
	cfg.Design = d
	cfg.Location = tokyo(t)
	inv := ticket.NewInventory(cfg)
	_, err := ticket.Process(ticket.ReadFile(inquiriesFile, ticket.NativeMapping(nil)), ticket.NewClassifier(d), inv)
	require.NoError(t, err)
	return inv.Report()
}

func TestInventoryOfInquiries(t *testing.T) {
	rep := inventoryOfInquiries(t, ticket.InventoryConfig{})
	assert.Equal(t, 276, rep.Tickets)
	require.Len(t, rep.Services, 1)
	mc := rep.Services[0]
	assert.Equal(t, "member-card", mc.Service)
	assert.True(t, mc.Known)
	sum, effort := 0, ticket.Duration(0)
	for _, rt := range mc.RequestTypes {
		sum += rt.Tickets
		effort += rt.Effort
	}
	assert.Equal(t, mc.Tickets, sum)
	assert.Equal(t, mc.Effort, effort)
	assert.Equal(t, rep.Effort, mc.Effort)

	// "Other" grows month by month, as the generator made it.
	o := rep.Other
	require.Len(t, o.Periods, 3)
	for i, p := range o.Periods {
		assert.Equal(t, time.Month(8+i), p.Start.Month())
		assert.InDelta(t, float64(p.Other)/float64(p.Tickets), p.Share, 1e-12)
	}
	assert.True(t, o.Periods[0].Share < o.Periods[1].Share && o.Periods[1].Share < o.Periods[2].Share)
	assert.True(t, o.Growing)
	assert.Positive(t, o.Slope)

	// The recurring question about points is proposed first.
	require.NotEmpty(t, rep.Proposals)
	assert.Equal(t, []string{"ポイント", "反映されない"}, rep.Proposals[0].Terms)
	assert.Equal(t, "ポイント-反映されない", rep.Proposals[0].Name)
	for _, p := range rep.Proposals {
		assert.GreaterOrEqual(t, p.Tickets, 5)
		assert.GreaterOrEqual(t, p.Share, 0.05)
		assert.LessOrEqual(t, len(p.Examples), 3)
	}

	// Tickets never arrive for alert-response in this log: proposed for
	// retirement after 90 days.
	require.Len(t, rep.Retire, 1)
	assert.Equal(t, "alert-response", rep.Retire[0].Service)
	assert.True(t, rep.Retire[0].LastTicket.IsZero())

	byRule := map[string]int{}
	for _, d := range rep.Diagnostics {
		byRule[d.Rule]++
	}
	assert.Equal(t, map[string]int{ticket.RuleUnusedService: 1, ticket.RuleCatchAllGrowing: 1, ticket.RuleRecurringPattern: len(rep.Proposals)}, byRule)
	for _, d := range rep.Diagnostics {
		switch d.Rule {
		case ticket.RuleUnusedService:
			assert.Equal(t, diag.Pos{File: "../testdata/sample/alert-response.yaml", Line: 10, Column: 10}, d.Pos)
		default: // at the catch-all request type
			assert.Equal(t, "/spec/requestTypes/2", d.Path)
		}
	}
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, ticket.Markdown))
	golden(t, "inventory-inquiries.md", b.Bytes())
}

// Counting "other" by hand over a tiny log.
func TestInventoryCounts(t *testing.T) {
	d := loadSample(t)
	var sb strings.Builder
	sb.WriteString("id,title,service,requestType,timeSpent,created\n")
	for i := range 12 {
		typ, title := "other", fmt.Sprintf("VPNに接続できない %d", i)
		if i%3 == 0 {
			typ, title = "reissue-card", "カード再発行"
		}
		fmt.Fprintf(&sb, "I-%d,%s,member-card,%s,30m,2026-10-%02dT10:00:00+09:00\n", i, title, typ, 1+i)
	}
	sb.WriteString("I-99,何か,fax-service,,1h,2026-10-20T10:00:00+09:00\n")
	inv := ticket.NewInventory(ticket.InventoryConfig{Design: d, Location: tokyo(t), UnusedAfter: 10 * 24 * time.Hour, MinPattern: 3})
	_, err := ticket.Process(ticket.ReadCSV(strings.NewReader(sb.String()), "i.csv", ticket.NativeMapping(nil)), ticket.NewClassifier(d), inv)
	require.NoError(t, err)
	rep := inv.Report()
	assert.Equal(t, 13, rep.Tickets)
	assert.Equal(t, ticket.Duration(12*30*time.Minute+time.Hour), rep.Effort)
	// 8 of member-card's 12 are "other", and the unknown service's one.
	assert.Equal(t, 9, rep.Other.Tickets)
	assert.InDelta(t, 9.0/13, rep.Other.Share, 1e-12)
	require.Len(t, rep.Services, 2)
	assert.Equal(t, "fax-service", rep.Services[1].Service)
	assert.False(t, rep.Services[1].Known)
	require.NotEmpty(t, rep.Proposals)
	assert.Equal(t, []string{"vpn", "接続"}, rep.Proposals[0].Terms)
	assert.Equal(t, 8, rep.Proposals[0].Tickets)
	// alert-response has had no ticket in the 19 days covered, more than
	// 10; member-card's last was 8 days before the last ticket.
	require.Len(t, rep.Retire, 1)
	assert.Equal(t, "alert-response", rep.Retire[0].Service)
	assert.Equal(t, 19, rep.Retire[0].IdleDays)
}

// The word table stays bounded, whatever the titles.
func TestInventoryForgetsRareWords(t *testing.T) {
	inv := ticket.NewInventory(ticket.InventoryConfig{MaxTerms: 100, MinPattern: 3})
	for i := range 5000 {
		tk := ticket.Ticket{ID: fmt.Sprint(i), Title: fmt.Sprintf("word%c%c%c", 'a'+rune(i%26), 'a'+rune(i/26%26), 'a'+rune(i/676%26)), Created: time.Unix(int64(i), 0)}
		if i%10 == 0 {
			tk.Title = "printer jammed"
		}
		inv.Add(&tk, ticket.Class{Other: true})
	}
	rep := inv.Report()
	require.NotEmpty(t, rep.Proposals)
	assert.Equal(t, []string{"printer", "jammed"}, rep.Proposals[0].Terms)
}
