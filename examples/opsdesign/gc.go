package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startingGCPercent puts the first garbage collection at a heap of
// 4 MiB × 800% = 32 MiB instead of 4 MiB: a small design never collects,
// and 1,000 Backstage files collected six times at heaps of 4 to 10 MiB.
const startingGCPercent = 800

// adjustStartingHeap lets the heap grow to 32 MiB before the first
// collection, then restores the default pacing (GOGC=100), as the Go
// compiler does for itself (cmd/compile's base.AdjustStartingHeap): the
// peak of a large run, set by what it keeps, is unchanged. GOGC or
// GOMEMLIMIT in the environment leave the runtime as they configure it.
func adjustStartingHeap() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(startingGCPercent)
	// The finalizer runs after the first collection, which finds the
	// sentinel unreachable. It holds a pointer, so that it is not one of
	// the tiny allocations a finalizer may never run for.
	runtime.SetFinalizer(&struct{ p *int }{}, func(*struct{ p *int }) { debug.SetGCPercent(100) })
}
