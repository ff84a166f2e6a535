package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/ticket"
)

const mappingsDoc = "../../docs/ticket-mappings.md"

// presetsMarker ends the hand-written part of docs/ticket-mappings.md; the
// presets follow, as `opsdesign tickets mapping NAME` prints them. After
// changing a preset, regenerate the page:
//
//	go test ./examples/opsdesign -run TestTicketMappingsDoc -update
const presetsMarker = "<!-- presets: generated from ticket/mappings, do not edit below -->\n"

func TestTicketMappingsDoc(t *testing.T) {
	data, err := os.ReadFile(mappingsDoc)
	require.NoError(t, err)
	head, _, ok := strings.Cut(string(data), presetsMarker)
	require.True(t, ok, "%s lost its marker %q", mappingsDoc, presetsMarker)
	var b strings.Builder
	b.WriteString(head + presetsMarker)
	for _, name := range ticket.Presets() {
		code, out, errs := runCLI("tickets", "mapping", name)
		require.Equal(t, exitOK, code, errs)
		b.WriteString("\n### " + name + "\n\n```yaml\n" + out + "```\n")
	}
	catalogtest.Golden(t, mappingsDoc, []byte(b.String()), *update)
}
