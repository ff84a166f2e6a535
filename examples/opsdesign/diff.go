package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/report"
)

const diffUsage = `usage: opsdesign diff [-format text|json|markdown] [-fail-on error|warning|info|none] [-today YYYY-MM-DD] OLD NEW
       opsdesign diff -rev BASE [-format text|json|markdown] [-fail-on ...] [-today YYYY-MM-DD] [path ...]`

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json, or markdown (a pull-request comment or job summary)")
	failOn := fs.String("fail-on", "error", "exit 1 when the change introduces a finding of this severity or graver: error, warning, info, or none")
	rev := fs.String("rev", "", "compare the paths in the working tree with this git revision (branch, tag or commit), read through the git command")
	today := fs.String("today", "", "lint both revisions, and place the cover window, as of this date (YYYY-MM-DD; default: today)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, diffUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nFile names are relative to OLD and NEW (or, with -rev, to the top of the repository), so a file is matched with itself.")
		fmt.Fprintln(stderr, "Exit status: 0 when the change introduces no finding as grave as -fail-on, 1 when it does, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign diff: "+format+"\n", args...)
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err != nil || (f != report.Text && f != report.JSON && f != report.Markdown) {
		return fail("unknown format %q (want text, json or markdown)", *format)
	}
	threshold, err := parseFailOn(*failOn)
	if err != nil {
		return fail("%v", err)
	}
	var opts diff.Options
	if *today != "" {
		day, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fail("-today %q is not a date such as 2026-11-22", *today)
		}
		opts.Now = func() time.Time { return day }
	}

	var old, new diff.Revision
	if *rev == "" {
		if fs.NArg() != 2 {
			return fail("want two paths, OLD and NEW, or -rev BASE and the paths to compare with it")
		}
		old, new, err = loadPair(func() (diff.Revision, error) { return diff.LoadDir(fs.Arg(0)) },
			func() (diff.Revision, error) { return diff.LoadDir(fs.Arg(1)) })
	} else {
		old, new, err = loadRev(*rev, fs.Args())
	}
	if err != nil {
		return fail("%v", err)
	}
	rep := diff.Review(old, new, opts)
	wopts := diff.WriteOptions{}
	if old.Files != nil {
		wopts.OldSource = report.FSFiles(old.Files)
	}
	if new.Files != nil {
		wopts.NewSource = report.FSFiles(new.Files)
	}
	if err := rep.Write(stdout, f, wopts); err != nil {
		return fail("%v", err)
	}
	if rep.Fails(threshold) {
		return exitFindings
	}
	return exitOK
}

// loadPair loads both revisions at once.
func loadPair(loadOld, loadNew func() (diff.Revision, error)) (old, new diff.Revision, err error) {
	done := make(chan error, 1)
	go func() {
		var err error
		old, err = loadOld()
		done <- err
	}()
	new, err = loadNew()
	if oldErr := <-done; oldErr != nil {
		return old, new, oldErr
	}
	return old, new, err
}

// loadRev loads the paths (the current directory when none are given)
// from the working tree and from a git revision, both named relative to
// the top of the repository.
func loadRev(rev string, paths []string) (old, new diff.Revision, err error) {
	ctx := context.Background()
	top, err := diff.GitRoot(ctx, ".")
	if err != nil {
		return old, new, err
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	rels := make([]string, 0, len(paths))
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return old, new, err
		}
		rel, err := relativeTo(top, p)
		if err != nil {
			return old, new, err
		}
		rels = append(rels, rel)
	}
	return loadPair(func() (diff.Revision, error) { return diff.LoadGit(ctx, top, rev, rels...) },
		func() (diff.Revision, error) { return diff.LoadFS("working tree", os.DirFS(top), rels...) })
}

// relativeTo names a path relative to the top of the repository, with
// forward slashes.
func relativeTo(top, p string) (string, error) {
	realTop, err := filepath.EvalSymlinks(top)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(realTop, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the repository at %s", p, top)
	}
	return filepath.ToSlash(rel), nil
}
