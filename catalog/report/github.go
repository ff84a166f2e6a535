package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// writeGitHub writes one GitHub Actions workflow command per finding:
//
//	::error file=ops/a.yaml,line=17,col=3,title=lifecycle/missing-event::service …
//
// Info findings are notices. Related positions follow the message on lines
// of their own, which the annotation shows. GitHub annotates only
// GitHubAnnotationLimit findings of each kind per step; when there are
// more, a last line (not a command) says how many are in the log only.
func writeGitHub(w io.Writer, diags catalog.Diagnostics, opts Options) error {
	safe := textsafe.NewWriter(w) // a message quoting a value never writes its controls raw
	bw := bufio.NewWriter(safe)
	names := newNamer(opts.BaseDir)
	for _, d := range diags {
		bw.WriteString("::")
		bw.WriteString(githubCommand(d.Severity))
		var props []string
		if d.Pos.File != "" {
			name, _ := names.name(d.Pos.File)
			props = append(props, "file="+escapeProperty(name))
			if d.Pos.Line > 0 {
				props = append(props, "line="+strconv.Itoa(d.Pos.Line))
				if d.Pos.Column > 0 {
					props = append(props, "col="+strconv.Itoa(d.Pos.Column))
				}
			}
		}
		props = append(props, "title="+escapeProperty(d.Rule))
		bw.WriteByte(' ')
		bw.WriteString(strings.Join(props, ","))
		bw.WriteString("::")
		msg := d.Message
		for _, r := range d.Related {
			p := r.Pos
			if p.File != "" {
				p.File, _ = names.name(p.File)
			}
			msg += "\n" + p.String() + ": " + r.Message
		}
		bw.WriteString(escapeData(msg))
		bw.WriteByte('\n')
	}
	if line := hiddenAnnotations(diags); line != "" {
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return safe.Flush()
}

func githubCommand(s catalog.Severity) string {
	switch {
	case s >= catalog.Error:
		return "error"
	case s == catalog.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message: % first, then the line
// breaks, so that a message cannot end the command or start another.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value, where ":" and "," would also
// end the value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// The escapers are built once; a strings.Replacer is immutable and safe
// for concurrent use.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
