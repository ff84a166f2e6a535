package ticket_test

import (
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog/diag"
	designrules "github.com/opsdesign/opsdesign/catalog/rules"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
)

func TestClassify(t *testing.T) {
	cl := ticket.NewClassifier(loadSample(t))
	assert.Empty(t, cl.Diagnostics())
	tests := []struct {
		name         string
		ticket       ticket.Ticket
		service, typ string
		other        bool
		rules        []string
	}{
		{"by name", ticket.Ticket{Service: "member-card", RequestType: "reissue-card", Channel: ticket.Form,
			Parameters: map[string]any{"memberId": "M12345678", "reason": "lost"}}, "member-card", "reissue-card", false, nil},
		{"by title", ticket.Ticket{Service: "会員カード", RequestType: "住所変更", Channel: ticket.Portal,
			Parameters: map[string]any{"memberId": "M1", "newAddress": "東京都"}}, "member-card", "change-address", false, nil},
		{"case-insensitive", ticket.Ticket{Service: "Member-Card", RequestType: "Other"}, "member-card", "other", true, nil},
		{"no type: the service's catch-all", ticket.Ticket{Service: "member-card"}, "member-card", "other", true, nil},
		{"unknown type: the catch-all, reported", ticket.Ticket{Service: "member-card", RequestType: "point-inquiry"},
			"member-card", "other", true, []string{ticket.RuleUnknownRequestType}},
		{"no service, a type only one service has", ticket.Ticket{RequestType: "investigate-alert", Channel: ticket.Alert},
			"alert-response", "investigate-alert", false, nil},
		{"nothing: the catalog's only catch-all", ticket.Ticket{}, "member-card", "other", true, nil},
		{"unknown service", ticket.Ticket{Service: "member-crad", RequestType: "other"}, "", "", true,
			[]string{ticket.RuleUnknownService}},
		{"a service with no catch-all and no type", ticket.Ticket{Service: "alert-response"}, "alert-response", "", true,
			[]string{ticket.RuleUnclassified}},
		{"channel not accepted", ticket.Ticket{Service: "member-card", RequestType: "reissue-card", Channel: ticket.Phone,
			Parameters: map[string]any{"memberId": "M12345678", "reason": "lost"}}, "member-card", "reissue-card", false,
			[]string{ticket.RuleChannelRejected}},
		{"a chat never completed", ticket.Ticket{Service: "member-card", RequestType: "reissue-card", Channel: ticket.Chat,
			Parameters: map[string]any{"memberId": "M12345678"}}, "member-card", "reissue-card", false,
			[]string{ticket.RuleMissingParameter}},
		{"a parameter against the sheet", ticket.Ticket{Service: "member-card", RequestType: "reissue-card", Channel: ticket.Form,
			Parameters: map[string]any{"memberId": "m12345678", "reason": "burnt"}}, "member-card", "reissue-card", false,
			[]string{ticket.RuleInvalidParameter, ticket.RuleInvalidParameter}},
		{"no parameters at all", ticket.Ticket{Service: "member-card", RequestType: "change-address", Channel: ticket.Form},
			"member-card", "change-address", false, []string{ticket.RuleMissingParameter}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.ticket.ID = "T-1"
			c, diags := cl.Classify(&tt.ticket)
			assert.Equal(t, tt.service, c.ServiceName())
			assert.Equal(t, tt.typ, c.TypeName())
			assert.Equal(t, tt.other, c.Other)
			assert.Equal(t, tt.rules, rules(diags))
		})
	}
}

func TestClassifyMessages(t *testing.T) {
	cl := ticket.NewClassifier(loadSample(t))
	_, diags := cl.Classify(&ticket.Ticket{ID: "T-1", Service: "member-crad"})
	require.Len(t, diags, 1)
	assert.Contains(t, diags[0].Message, `did you mean "member-card"?`)
	_, diags = cl.Classify(&ticket.Ticket{ID: "T-2", Service: "member-card", RequestType: "reissue-card", Channel: ticket.Chat})
	require.Len(t, diags, 1)
	assert.Contains(t, diags[0].Message, "lacks required parameters memberId, reason")
}

// Findings point at the line and character column of the field concerned.
func TestClassifyPositions(t *testing.T) {
	cl := ticket.NewClassifier(loadSample(t))
	data := "id,service,requestType,channel,created,param.memberId,param.reason\n" +
		"C-1,member-card,reissue-card,phone,2026-10-01T09:00:00+09:00,M12345678,lost\n" +
		"C-2,member-card,reissue-card,chat,2026-10-01T09:00:00+09:00,M1,\n"
	var found []finding
	tickets, imp := collect(t, ticket.ReadCSV(strings.NewReader(data), "c.csv", ticket.NativeMapping(nil)))
	require.Empty(t, imp)
	for i := range tickets {
		_, diags := cl.Classify(&tickets[i])
		for _, d := range diags {
			found = append(found, finding{d.Rule, d.Pos.Line, d.Pos.Column, d.Path})
		}
	}
	// The line and character column of the field: "phone" after
	// "C-1,member-card,reissue-card,", the member ID after the creation.
	assert.Equal(t, []finding{
		{ticket.RuleChannelRejected, 2, 30, "/channel"},
		{ticket.RuleMissingParameter, 3, 61, "/param.memberId"},
		{ticket.RuleInvalidParameter, 3, 61, "/param.memberId"},
	}, found)

	line := `{"id":"C-3","service":"member-card","requestType":"reissue-card","created":"2026-10-01T09:00:00+09:00","parameters":{"memberId":"M1","reason":"lost"}}` + "\n"
	tickets, imp = collect(t, ticket.ReadJSONL(strings.NewReader(line), "c.jsonl", ticket.Mapping{}))
	require.Empty(t, imp)
	_, diags := cl.Classify(&tickets[0])
	require.Len(t, diags, 1)
	assert.Equal(t, finding{ticket.RuleInvalidParameter, 1, strings.Index(line, `{"memberId"`) + 1, "/parameters/memberId"},
		finding{diags[0].Rule, diags[0].Pos.Line, diags[0].Pos.Column, diags[0].Path})
}

func TestBadParameterSheet(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: someone
  requestTypes:
    - name: ask
      parameters:
        type: objekt
    - name: other
      catchAll: true
    - name: spare
      catchAll: true
`)})
	cl := ticket.NewClassifier(d)
	diags := cl.Diagnostics()
	require.Len(t, diags, 1)
	assert.Equal(t, ticket.RuleBadParameterSheet, diags[0].Rule)
	assert.Equal(t, "/spec/requestTypes/0/parameters", diags[0].Path)
	assert.Equal(t, diag.Pos{File: "d.yaml", Line: 9, Column: 7}, diags[0].Pos)
	// Its tickets are classified but not checked.
	c, found := cl.Classify(&ticket.Ticket{ID: "1", Service: "desk", RequestType: "ask"})
	assert.Equal(t, "ask", c.TypeName())
	assert.Empty(t, found)
	// Two catch-alls in one service: the first takes tickets without a
	// type; a ticket naming nothing finds no single catch-all... but the
	// catalog has two, so it stays unclassified.
	c, found = cl.Classify(&ticket.Ticket{ID: "2"})
	assert.Nil(t, c.Service)
	assert.True(t, c.Other)
	assert.Equal(t, []string{ticket.RuleUnclassified}, rules(found))
	c, _ = cl.Classify(&ticket.Ticket{ID: "3", Service: "desk"})
	assert.Equal(t, "other", c.TypeName())
}

func TestRulesAreDocumented(t *testing.T) {
	rs := ticket.Rules()
	require.NotEmpty(t, rs)
	seen := map[string]bool{}
	for i, r := range rs {
		assert.NoError(t, r.Validate())
		assert.True(t, strings.HasPrefix(r.ID, "ticket/"), r.ID)
		assert.False(t, seen[r.ID], "%s twice", r.ID)
		seen[r.ID] = true
		if i > 0 {
			assert.Less(t, rs[i-1].ID, r.ID)
		}
	}
	// A fresh slice every time.
	rs[0].ID = "changed/by-caller"
	assert.NotEqual(t, "changed/by-caller", ticket.Rules()[0].ID)
	// None clashes with another rule of the registry: each is there once.
	n := 0
	for _, r := range designrules.Registry() {
		if seen[r.ID] {
			n++
		}
	}
	assert.Equal(t, len(rs), n)
}
