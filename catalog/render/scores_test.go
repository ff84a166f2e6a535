package render_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
)

// scored is a design whose kiosk states no value and whose shop does, a
// ladder of two levels, and a scorecard that selects nobody.
const scored = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: kiosk}
spec: {state: active, owner: boss}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: shop, title: ショップ}
spec: {state: active, owner: boss, value: Customers order online.}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: basics, title: 基本}
spec:
  levels:
    - {name: bronze, checks: [{name: owned, has: [owner]}]}
    - {name: silver, checks: [{name: valued, title: States its value, has: [value]}, {name: clean, noFindings: ["ref/*"]}]}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: retired-only}
spec:
  appliesTo: {states: [retired]}
  levels: [{name: gone}]
`

// scores evaluates every scorecard of the design on the findings given.
func scores(t *testing.T, findings catalog.Diagnostics) []render.CardScores {
	t.Helper()
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(scored)})
	require.Empty(t, d.Diagnostics())
	var out []render.CardScores
	for _, sc := range d.Scorecards {
		out = append(out, render.CardScores{Card: sc, Services: sc.Evaluate(d, findings)})
	}
	return out
}

func TestScoresText(t *testing.T) {
	var b strings.Builder
	require.NoError(t, render.ScoresText(&b, scores(t, nil)))
	assert.Equal(t, `scorecard basics (基本): bronze < silver
kiosk: bronze
  d.yaml:9:1: silver/valued: service "kiosk" does not say what value it delivers
shop (ショップ): silver

scorecard retired-only: gone
  no service is scored: none matches appliesTo
`, b.String())

	// A finding the ladder counts keeps the shop below silver, and a
	// service that fails its lowest level has no level.
	findings := catalog.Diagnostics{{Rule: "ref/unresolved", Severity: catalog.Error, Pos: catalog.Pos{File: "d.yaml", Line: 14, Column: 22},
		Path: "/spec/owner", Message: "unresolved"}}
	b.Reset()
	require.NoError(t, render.ScoresText(&b, scores(t, findings)[:1]))
	assert.Contains(t, b.String(), "shop (ショップ): bronze\n  d.yaml:14:22: silver/clean: ")
}

func TestScoresJSON(t *testing.T) {
	var b strings.Builder
	require.NoError(t, render.ScoresJSON(&b, scores(t, nil)))
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(b.String()), &got))
	require.Len(t, got, 2)
	assert.Equal(t, map[string]any{"name": "retired-only", "levels": []any{"gone"}, "services": []any{}}, got[1])
	assert.Equal(t, "basics", got[0]["name"])
	assert.Equal(t, "基本", got[0]["title"])
	assert.Equal(t, []any{"bronze", "silver"}, got[0]["levels"])
	services := got[0]["services"].([]any)
	require.Len(t, services, 2)
	assert.Equal(t, map[string]any{"service": "kiosk", "level": "bronze", "checks": []any{
		map[string]any{"level": "bronze", "check": "owned", "passed": true},
		map[string]any{"level": "silver", "check": "valued", "title": "States its value", "passed": false, "failures": []any{
			map[string]any{"file": "d.yaml", "line": 9.0, "column": 1.0, "path": "/spec/value", "message": `service "kiosk" does not say what value it delivers`},
		}},
		map[string]any{"level": "silver", "check": "clean", "passed": true},
	}}, services[0])
	assert.Equal(t, "ショップ", services[1].(map[string]any)["title"])
	assert.Contains(t, b.String(), "[\n  {\n    \"name\": \"basics\",", "indented by two spaces")

	b.Reset()
	require.NoError(t, render.ScoresJSON(&b, nil))
	assert.Equal(t, "[]\n", b.String())
}

// A service that reaches no level has a null level in JSON and "no level"
// in text.
func TestScoresNoLevel(t *testing.T) {
	cards := scores(t, nil)
	card := cards[0]
	kiosk := card.Services[0]
	kiosk.Level = -1
	cards = []render.CardScores{{Card: card.Card, Services: []catalog.Score{kiosk}}}
	var b strings.Builder
	require.NoError(t, render.ScoresText(&b, cards))
	assert.Contains(t, b.String(), "\nkiosk: no level\n")
	b.Reset()
	require.NoError(t, render.ScoresJSON(&b, cards))
	assert.Contains(t, b.String(), `"level": null`)
}
