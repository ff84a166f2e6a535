// Package gen generates large, valid operations designs for benchmarks and
// load tests. The output is deterministic for a given size.
package gen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

// WriteDirectory cuts a stream of documents separated by "---" lines, as
// Design and OpenSLO return, into files of perFile documents each,
// design-0000.yaml and on, in dir (created when missing).
func WriteDirectory(dir string, stream []byte, perFile int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	docs := bytes.SplitAfter(stream, []byte("\n---\n"))
	for i := 0; i < len(docs); i += perFile {
		var b bytes.Buffer
		for j, d := range docs[i:min(i+perFile, len(docs))] {
			d = bytes.TrimSuffix(d, []byte("---\n"))
			if j > 0 {
				b.WriteString("---\n")
			}
			b.Write(d)
		}
		name := filepath.Join(dir, fmt.Sprintf("design-%04d.yaml", i/perFile))
		if err := atomicfile.WriteFile(name, b.Bytes(), atomicfile.Options{}); err != nil {
			return err
		}
	}
	return nil
}

// Design returns one YAML stream with a Role and n Services, each with a
// full lifecycle, a data subject, request types, tasks, a monitor and a
// backup: about 110 lines per service, all of which lint clean.
func Design(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 3500)
	b.WriteString(`apiVersion: opsdesign/v1
kind: Role
metadata:
  name: ops-manager
spec:
  tier: overall-management
`)
	for i := range n {
		fmt.Fprintf(&b, serviceTemplate, i)
	}
	return b.Bytes()
}

const serviceTemplate = `---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: service-%[1]d
  title: サービス %[1]d
spec:
  state: active
  owner: ops-manager
  customers: [customer-%[1]d]
  value: Keeps customer %[1]d's shop open.
  effort: {hoursPerMonth: 12, costCenter: cc-%[1]d}
  offerings:
    - name: main
      requestTypes: [change-settings]
  requestTypes:
    - name: change-settings
      owner: ops-manager
      task: apply-change
      channels: [form, {channel: chat, ticketed: true}]
      parameters:
        type: object
        required: [setting]
        properties:
          setting: {type: string}
  lifecycle:
    new:
      issuance: Set up on contract start.
      inquiries: How to log in.
      naming: svc-%[1]d
      tasks: [apply-change]
    use:
      users: Daily use.
      operators: Monitoring.
      thirdParties: {notApplicable: None.}
    change:
      triggers: A change request.
      patterns: Through change management.
    suspend:
      triggers: Unpaid invoice.
      permissions: Kept.
      deletion: Logical.
      idReissue: Not reissued.
    retire:
      personalData: Deleted after 90 days.
      disposal: Disks wiped.
      notice: One month ahead.
      contact: Account manager.
  subjects:
    - type: data
      name: records-%[1]d
      lifecycle:
        new: {issuance: Created., inquiries: None expected., naming: By ID.}
        use: {users: Read., operators: Corrected., thirdParties: {notApplicable: None.}}
        change: {triggers: Updates., patterns: Logged.}
        suspend: {triggers: Suspension., permissions: Kept., deletion: Logical., idReissue: {notApplicable: No ID.}}
        retire: {personalData: Deleted., disposal: Wiped., notice: With the service., contact: Support.}
  tasks:
    - name: apply-change
      category: change
      trigger: {request: change-settings}
      action: Apply the requested setting.
      owner: ops-manager
      personalisation: depersonalised
      procedure: https://wiki.example.com/%[1]d/change
    - name: respond-alert
      category: incident
      trigger: {monitor: up}
      action: Restart the service.
      owner: ops-manager
      personalisation: depersonalised
      procedure: https://wiki.example.com/%[1]d/alert
    - name: review-incidents
      category: problem
      trigger: {schedule: monthly first Monday 10:00}
      action: Group last month's incidents by cause and fix the commonest.
      owner: ops-manager
      personalisation: depersonalised
      procedure: https://wiki.example.com/%[1]d/problems
    - name: reconcile-inventory
      category: configuration
      trigger: {schedule: monthly 1 09:00}
      action: Reconcile the hosts with the CMDB.
      owner: ops-manager
      personalisation: depersonalised
      procedure: https://wiki.example.com/%[1]d/inventory
    - name: review-contract
      category: contract
      trigger: {schedule: yearly April 1}
      action: Review the contract before it renews.
      owner: ops-manager
      personalisation: depersonalised
      procedure: https://wiki.example.com/%[1]d/contract
  monitors:
    - name: up
      tool: Zabbix
      reads: HTTP status
      affects: Whether customers can log in
      task: respond-alert
  backups:
    - name: nightly
      target: database
      restore:
        procedure: https://wiki.example.com/%[1]d/restore
        lastTested: "2026-10-01"
`

// AlertsStart is when the alert exports of the performance suite begin:
// October 1, 2026, midnight in Tokyo.
func AlertsStart() time.Time { return time.Date(2026, 10, 1, 0, 0, 0, 0, jst) }
