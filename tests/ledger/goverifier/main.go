// Command ledgerverify is an independent verifier for a Rutile ledger, written against Go's
// golang.org/x/mod/sumdb/{note,tlog} (Debian golang-golang-x-mod-dev) and nothing from Rutile.
//
// It fetches the signed checkpoint and checks its signature with a verifier key given out of
// band, fetches a sample of entries and checks their inclusion proofs, authenticates hash
// tiles against the checkpoint and uses them to compute an older root, checks a consistency
// proof to it, and checks an entry bundle against the level-0 tile. With -tamper it changes
// what it fetched (entry, proof or checkpoint) and must then fail.
//
// Exit status: 0 verified, 1 verification failed, 2 usage or network error.
//
// Build without network from Debian's golang-go and golang-golang-x-mod-dev, either
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off go build -o ledgerverify .
//
// or in module mode (go.mod replaces golang.org/x/mod with the Debian copy):
//
//	GOPROXY=off GOFLAGS=-mod=mod go build -o ledgerverify .
//
// Run: ledgerverify -url http://HOST:PORT/api/v1/ledger -key "$(rutile's verifier key)"
// [-samples N] [-from M] [-state FILE] [-tamper entry|proof|checkpoint].
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var (
	baseURL = flag.String("url", "", "ledger base URL, e.g. http://127.0.0.1:8080/api/v1/ledger")
	vkey    = flag.String("key", "", "trusted verifier key name+hash+base64")
	samples = flag.Int("samples", 16, "number of entries whose inclusion is checked")
	from    = flag.Int64("from", 0, "older tree size for the consistency check (default size/2)")
	tamper  = flag.String("tamper", "", "entry, proof or checkpoint: alter fetched data (must fail)")
	state   = flag.String("state", "", "file remembering the last verified checkpoint (optional)")
)

var client = &http.Client{Timeout: 30 * time.Second}

func fetch(path string) ([]byte, error) {
	resp, err := client.Get(strings.TrimRight(*baseURL, "/") + "/" + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}

func fetchProof(path string) ([]tlog.Hash, error) {
	body, err := fetch(path)
	if err != nil {
		return nil, err
	}
	var p struct {
		Hashes []tlog.Hash `json:"hashes"` // tlog.Hash decodes standard padded base64
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return p.Hashes, nil
}

// parseCheckpoint reads the three C2SP checkpoint lines (tlog.ParseTree only accepts the Go
// checksum database's origin).
func parseCheckpoint(text string) (origin string, tree tlog.Tree, err error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", tree, errors.New("checkpoint has fewer than 3 lines")
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != lines[1] {
		return "", tree, fmt.Errorf("bad checkpoint size %q", lines[1])
	}
	h, err := tlog.ParseHash(lines[2])
	if err != nil {
		return "", tree, fmt.Errorf("bad checkpoint root: %v", err)
	}
	return lines[0], tlog.Tree{N: n, Hash: h}, nil
}

// tileReader serves tlog's height-8 tiles from the C2SP paths (no "/8" segment).
type tileReader struct{}

func (tileReader) Height() int { return 8 }

func (tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		p := strings.Replace(t.Path(), "tile/8/", "tile/", 1)
		data, err := fetch(p)
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func flip(b []byte, i int) {
	if len(b) > 0 {
		b[i%len(b)] ^= 0x01
	}
}

type failure struct{ err error }

func fail(format string, args ...interface{}) { panic(failure{fmt.Errorf(format, args...)}) }

func run() {
	verifier, err := note.NewVerifier(strings.TrimSpace(*vkey))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad -key:", err)
		os.Exit(2)
	}

	// 1. Checkpoint and signature.
	msg, err := fetch("checkpoint")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *tamper == "checkpoint" {
		// Claim one more entry than was signed.
		text := string(msg)
		lines := strings.SplitN(text, "\n", 3)
		n, _ := strconv.ParseInt(lines[1], 10, 64)
		msg = []byte(lines[0] + "\n" + strconv.FormatInt(n+1, 10) + "\n" + lines[2])
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	origin, tree, err := parseCheckpoint(n.Text)
	if err != nil {
		fail("checkpoint: %v", err)
	}
	if origin != verifier.Name() {
		fail("checkpoint: origin %q is not the key name %q", origin, verifier.Name())
	}
	if tree.N < 1 {
		fail("checkpoint: empty log, nothing to verify")
	}
	fmt.Printf("checkpoint OK: %s size %d root %s\n", origin, tree.N, tree.Hash)

	// 2. Inclusion of a sample of entries (first, last and spread between).
	count := int64(*samples)
	if count > tree.N {
		count = tree.N
	}
	tampered := false
	for k := int64(0); k < count; k++ {
		i := k * (tree.N - 1) / maxInt(count-1, 1)
		data, err := fetch(fmt.Sprintf("entries/%d", i))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		proof, err := fetchProof(fmt.Sprintf("proof/inclusion?index=%d&size=%d", i, tree.N))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if *tamper == "entry" && k == 0 {
			flip(data, 3)
		}
		if *tamper == "proof" && !tampered && len(proof) > 0 {
			proof[len(proof)/2][5] ^= 0x80
			tampered = true
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, tlog.RecordHash(data)); err != nil {
			fail("inclusion of entry %d in %d: %v", i, tree.N, err)
		}
	}
	fmt.Printf("inclusion OK: %d entries\n", count)

	// 3. Hash tiles authenticated against the checkpoint give an older root; check the
	// consistency proof from it.
	hr := tlog.TileHashReader(tree, tileReader{})
	m := *from
	if m <= 0 || m > tree.N {
		m = (tree.N + 1) / 2
	}
	oldRoot, err := tlog.TreeHash(m, hr)
	if err != nil {
		fail("tiles: %v", err)
	}
	cproof, err := fetchProof(fmt.Sprintf("proof/consistency?from=%d&size=%d", m, tree.N))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := tlog.CheckTree(cproof, tree.N, tree.Hash, m, oldRoot); err != nil {
		fail("consistency %d -> %d: %v", m, tree.N, err)
	}
	fmt.Printf("consistency OK: %d -> %d (old root %s from tiles)\n", m, tree.N, oldRoot)

	// 4. The first entry bundle matches the authenticated leaf hashes.
	w := tree.N
	if w > 256 {
		w = 256
	}
	bundlePath := "tile/entries/000"
	if w < 256 {
		bundlePath += fmt.Sprintf(".p/%d", w)
	}
	bundle, err := fetch(bundlePath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	indexes := make([]int64, w)
	for i := range indexes {
		indexes[i] = tlog.StoredHashIndex(0, int64(i))
	}
	leaves, err := hr.ReadHashes(indexes)
	if err != nil {
		fail("tiles: %v", err)
	}
	for i := int64(0); i < w; i++ {
		if len(bundle) < 2 {
			fail("entry bundle: truncated at entry %d", i)
		}
		l := int(bundle[0])<<8 | int(bundle[1])
		if len(bundle) < 2+l {
			fail("entry bundle: truncated at entry %d", i)
		}
		if tlog.RecordHash(bundle[2:2+l]) != leaves[i] {
			fail("entry bundle: entry %d does not match its leaf hash", i)
		}
		bundle = bundle[2+l:]
	}
	if len(bundle) != 0 {
		fail("entry bundle: trailing bytes")
	}
	fmt.Printf("entry bundle OK: %d entries\n", w)

	// 5. Optional monitor state: the new checkpoint must extend the last one seen.
	if *state != "" {
		checkState(tree)
	}
}

func checkState(tree tlog.Tree) {
	old, err := os.ReadFile(*state)
	if err == nil {
		var prev tlog.Tree
		var h string
		if _, err := fmt.Sscanf(string(old), "%d %s", &prev.N, &h); err != nil {
			fail("state: %v", err)
		}
		if prev.Hash, err = tlog.ParseHash(h); err != nil {
			fail("state: %v", err)
		}
		if prev.N > tree.N {
			fail("state: checkpoint size %d is older than the last seen %d", tree.N, prev.N)
		}
		if prev.N > 0 {
			p, err := fetchProof(fmt.Sprintf("proof/consistency?from=%d&size=%d", prev.N, tree.N))
			if err != nil {
				fail("state: %v", err)
			}
			if err := tlog.CheckTree(p, tree.N, tree.Hash, prev.N, prev.Hash); err != nil {
				fail("state: last seen %d -> %d: %v", prev.N, tree.N, err)
			}
			fmt.Printf("monitor OK: %d -> %d\n", prev.N, tree.N)
		}
	}
	if err := os.WriteFile(*state, []byte(fmt.Sprintf("%d %s\n", tree.N, tree.Hash)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func main() {
	flag.Parse()
	if *baseURL == "" || *vkey == "" {
		fmt.Fprintln(os.Stderr, "usage: ledgerverify -url BASE -key VKEY [-samples N] [-from M] [-tamper entry|proof|checkpoint] [-state FILE]")
		os.Exit(2)
	}
	switch *tamper {
	case "", "entry", "proof", "checkpoint":
	default:
		fmt.Fprintln(os.Stderr, "bad -tamper")
		os.Exit(2)
	}
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(failure); ok {
				fmt.Println("FAIL", f.err)
				os.Exit(1)
			}
			panic(r)
		}
	}()
	run()
	fmt.Println("VERIFIED")
}
