package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// golden runs `lint -format json` of the old binary and of the new one on
// every design input of the repository's testdata (each directory of rule
// fixtures whole, each bad-input file of the corpus alone) and on the
// generated inputs, and reports every input on which their output or exit
// status differs.
func golden(o options, stdout io.Writer) error {
	inputs, err := goldenInputs(o.dir)
	if err != nil {
		return err
	}
	newBin := o.clis[len(o.clis)-1]
	differ := 0
	for _, in := range inputs {
		oldOut, oldCode := lintJSON(o.golden, in)
		newOut, newCode := lintJSON(newBin, in)
		if oldCode == newCode && bytes.Equal(oldOut, newOut) {
			continue
		}
		differ++
		fmt.Fprintf(stdout, "DIFFERENT %s: exit %d -> %d\n%s", in, oldCode, newCode, firstDifference(oldOut, newOut))
	}
	fmt.Fprintf(stdout, "golden: %d inputs, %d differ (%s against %s)\n", len(inputs), differ, newBin, o.golden)
	if differ > 0 {
		return errors.New("findings differ")
	}
	return nil
}

func goldenInputs(dir string) ([]string, error) {
	var inputs []string
	for _, pattern := range []string{"testdata/sample", "testdata/openslo", "catalog/testdata/*", "catalog/rules/testdata/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				inputs = append(inputs, p)
			}
		}
	}
	for _, sub := range []string{"documents", "json", "openslo"} {
		err := filepath.WalkDir(filepath.Join("testdata/corpus", sub), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				inputs = append(inputs, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	for _, g := range []string{designDir, openSLODir, openSLOFile, smallDir} {
		inputs = append(inputs, filepath.Join(dir, g))
	}
	return inputs, nil
}

func lintJSON(bin, input string) ([]byte, int) {
	cmd := exec.Command(bin, "lint", "-format", "json", input)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.Bytes(), ee.ExitCode()
	}
	if err != nil {
		return []byte(err.Error()), -1
	}
	return out.Bytes(), 0
}

// firstDifference quotes the first line on which two outputs differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("  line %d\n  - %s\n  + %s\n", i+1, tail(x, 300), tail(y, 300))
		}
	}
	return ""
}
