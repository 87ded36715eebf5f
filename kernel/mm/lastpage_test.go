package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// TestCopyCacheKeepsTwoPagesOfASet checks the replacement: two pages
// that share a set both stay cached, and a third evicts the one used
// least recently, not the one just copied.
func TestCopyCacheKeepsTwoPagesOfASet(t *testing.T) {
	r := newRig(16)
	stride := uint64(copyCacheSets) * pg
	a, b, c := uint64(fixedVA), fixedVA+stride, fixedVA+2*stride
	for _, va := range []uint64{a, b, c} {
		r.mapAt(t, va, pg, rw)
	}
	var buf [8]byte

	require.NoError(t, r.as.CopyOut(a, buf[:]))
	require.NoError(t, r.as.CopyOut(b, buf[:]))
	_, hitA := r.as.cached(a, ProtWrite)
	_, hitB := r.as.cached(b, ProtWrite)
	assert.True(t, hitA && hitB, "both ways of the set hold a page")

	// b was looked up last: c replaces a.
	require.NoError(t, r.as.CopyOut(c, buf[:]))
	_, hitA = r.as.cached(a, ProtWrite)
	_, hitB = r.as.cached(b, ProtWrite)
	_, hitC := r.as.cached(c, ProtWrite)
	assert.False(t, hitA, "the least recently used page is evicted")
	assert.True(t, hitB && hitC)
}

// TestCopyCacheHitNeedsTheProtection checks that a page cached by a read
// of a read-only mapping does not let a write through.
func TestCopyCacheHitNeedsTheProtection(t *testing.T) {
	r := copyRig(t)
	ro := uint64(fixedVA + 3*pg)
	var buf [8]byte

	require.NoError(t, r.as.Poke(ro, buf[:]))
	require.NoError(t, r.as.CopyIn(ro, buf[:]))
	_, hit := r.as.cached(ro, ProtNone)
	assert.True(t, hit, "a read hits")
	_, hit = r.as.cached(ro, ProtWrite)
	assert.False(t, hit, "a write misses")
	assert.Equal(t, abi.EFAULT, r.as.CopyOut(ro, buf[:]))
}

// BenchmarkCopyOutCached is the user copy of a syscall that writes a
// word to a page a copy went through before: the copy cache's hit.
func BenchmarkCopyOutCached(b *testing.B) {
	r := newRig(16)
	r.mapAt(b, fixedVA, pg, rw)
	var buf [8]byte
	require.NoError(b, r.as.CopyOut(fixedVA, buf[:]))

	b.ReportAllocs()
	for b.Loop() {
		if err := r.as.CopyOut(fixedVA+8, buf[:]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCopyInTwoPagesOfASet alternates between two pages that share
// a set: every copy misses the way used last and hits the other one.
func BenchmarkCopyInTwoPagesOfASet(b *testing.B) {
	r := newRig(16)
	stride := uint64(copyCacheSets) * pg
	r.mapAt(b, fixedVA, pg, rw)
	r.mapAt(b, fixedVA+stride, pg, rw)
	var buf [8]byte
	require.NoError(b, r.as.CopyOut(fixedVA, buf[:]))
	require.NoError(b, r.as.CopyOut(fixedVA+stride, buf[:]))

	b.ReportAllocs()
	i := uint64(0)
	for b.Loop() {
		if err := r.as.CopyIn(fixedVA+i%2*stride, buf[:]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestDiscardForgetsOnlyItsPage checks that freeing a page's frame drops
// that page's cache entry, so a copy cannot reach the freed frame, and
// keeps the other pages' entries.
func TestDiscardForgetsOnlyItsPage(t *testing.T) {
	r := newRig(16)
	r.mapAt(t, fixedVA, 2*pg, rw)
	buf := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	require.NoError(t, r.as.CopyOut(fixedVA, buf))
	require.NoError(t, r.as.CopyOut(fixedVA+pg, buf))

	mapped, hole := r.as.DiscardMapped(fixedVA, fixedVA+pg)
	require.True(t, mapped && !hole)

	_, hit := r.as.cached(fixedVA, ProtNone)
	assert.False(t, hit, "the discarded page is forgotten")
	_, hit = r.as.cached(fixedVA+pg, ProtNone)
	assert.True(t, hit, "its neighbour stays cached")
	got := make([]byte, 8)
	require.NoError(t, r.as.CopyIn(fixedVA, got))
	assert.Equal(t, make([]byte, 8), got, "reads zero, not the old frame")
}
