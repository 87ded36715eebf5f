package mm

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyRig maps [fixedVA, +2 pages) rw, a hole, then a read-only page, a
// PROT_NONE page, and a writable page ending at the end of user space.
func copyRig(t *testing.T) *rig {
	r := newRig(16)
	r.mapAt(t, fixedVA, 2*pg, rw)
	r.mapAt(t, fixedVA+3*pg, pg, ProtRead)
	r.mapAt(t, fixedVA+4*pg, pg, ProtNone)
	r.mapAt(t, testUserEnd-pg, pg, rw)
	return r
}

func TestCopyOut(t *testing.T) {
	tests := []struct {
		name    string
		addr    uint64
		n       int
		wantErr error
		// wantWritten is how many leading bytes land before a fault.
		wantWritten int
	}{
		{"writes across a page boundary", fixedVA + pg - 3, 8, nil, 8},
		{"writes the last byte of a VMA", fixedVA + 2*pg - 1, 1, nil, 1},
		{"writes up to the end of user space", testUserEnd - 8, 8, nil, 8},
		{"writes nothing for zero bytes", hintVA, 0, nil, 0},
		{"faults one byte past a VMA", fixedVA + 2*pg - 4, 5,
			abi.EFAULT, 4},
		{"faults in a hole", fixedVA + 2*pg, 1, abi.EFAULT, 0},
		{"faults on read-only memory", fixedVA + 3*pg, 1, abi.EFAULT, 0},
		{"faults on PROT_NONE memory", fixedVA + 4*pg, 1, abi.EFAULT, 0},
		{"faults past the end of user space", testUserEnd - 4, 8,
			abi.EFAULT, 0},
		{"faults on a wrapping range", ^uint64(0) - 2, 8, abi.EFAULT, 0},
		{"faults in kernel memory", 0x10000000, 1, abi.EFAULT, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := copyRig(t)
			src := bytes.Repeat([]byte{0xab}, tt.n)

			err := r.as.CopyOut(tt.addr, src)

			assert.Equal(t, tt.wantErr, err)
			if tt.wantWritten > 0 {
				got := make([]byte, tt.wantWritten)
				require.NoError(t, r.as.CopyIn(tt.addr, got))
				assert.Equal(t, src[:tt.wantWritten], got)
			}
		})
	}
}

func TestCopyIn(t *testing.T) {
	tests := []struct {
		name    string
		addr    uint64
		n       int
		wantErr error
	}{
		{"reads across a page boundary", fixedVA + pg - 3, 8, nil},
		{"reads read-only memory", fixedVA + 3*pg, 16, nil},
		{"reads nothing for zero bytes at any address", ^uint64(0), 0, nil},
		{"faults one byte past a VMA", fixedVA + 2*pg - 1, 2, abi.EFAULT},
		{"faults on PROT_NONE memory", fixedVA + 4*pg, 1, abi.EFAULT},
		{"faults past the end of user space", testUserEnd - 1, 2,
			abi.EFAULT},
		{"faults on a wrapping range", ^uint64(0) - 2, 8, abi.EFAULT},
		{"faults in kernel memory", 0x100000, 1, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := copyRig(t)
			require.NoError(t, r.as.Poke(fixedVA+pg-3, []byte("ringside")))
			require.NoError(t, r.as.Poke(fixedVA+3*pg, []byte("text")))
			before := r.mem.used()

			got := make([]byte, tt.n)
			err := r.as.CopyIn(tt.addr, got)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, before, r.mem.used(), "reads take no frames")
		})
	}
}

func TestCopyInReadsUntouchedPagesAsZero(t *testing.T) {
	r := copyRig(t)
	got := bytes.Repeat([]byte{1}, 2*pg)

	require.NoError(t, r.as.CopyIn(fixedVA, got))

	assert.Equal(t, make([]byte, 2*pg), got)
	assert.Zero(t, r.mem.used())
}

func TestCopyRoundTrip(t *testing.T) {
	r := copyRig(t)
	src := []byte(strings.Repeat("0123456789", 1000)) // spans 2 pages

	require.NoError(t, r.as.CopyOut(fixedVA+100, src[:2*pg-100]))
	got := make([]byte, 2*pg-100)
	require.NoError(t, r.as.CopyIn(fixedVA+100, got))

	assert.Equal(t, src[:2*pg-100], got)
	assert.Equal(t, 2, r.mem.used())
}

func TestPoke(t *testing.T) {
	tests := []struct {
		name    string
		addr    uint64
		wantErr error
	}{
		{"writes read-only memory", fixedVA + 3*pg, nil},
		{"writes PROT_NONE memory", fixedVA + 4*pg, nil},
		{"faults in a hole", fixedVA + 2*pg, abi.EFAULT},
		{"faults in kernel memory", 0x10000000, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := copyRig(t)

			err := r.as.Poke(tt.addr, []byte("abc"))

			assert.Equal(t, tt.wantErr, err)
			if err == nil {
				pa := r.as.pages.mustGet(tt.addr >> pageShift)
				assert.Equal(t, "abc", string(r.mem.Frame(pa)[:3]))
			}
		})
	}
}

func TestPokeDoesNotMapPROTNONEInHardware(t *testing.T) {
	r := copyRig(t)
	require.NoError(t, r.as.Poke(fixedVA+4*pg, []byte{1}))
	assert.NotContains(t, r.pt.ptes, uint64(fixedVA+4*pg))
	require.NoError(t, r.as.Poke(fixedVA+3*pg, []byte{1}))
	assert.Equal(t, fakePTE{r.as.pages.mustGet((fixedVA + 3*pg) >> pageShift),
		false, false}, r.pt.ptes[fixedVA+3*pg])
}

func TestCopyOutFailsWhenFramesRunOut(t *testing.T) {
	r := newRig(1)
	r.mapAt(t, fixedVA, 2*pg, rw)

	err := r.as.CopyOut(fixedVA+pg-1, []byte{1, 2})

	assert.Equal(t, abi.EFAULT, err)
	assert.Equal(t, 1, r.mem.used())
}

func TestCopyInString(t *testing.T) {
	const end = fixedVA + 2*pg // a hole follows
	tests := []struct {
		name    string
		data    string // poked at addr
		addr    uint64
		limit   int
		want    string
		wantErr error
	}{
		{"reads a short string", "hello\x00junk", fixedVA, 64,
			"hello", nil},
		{"reads across a page boundary", "ringside\x00",
			fixedVA + pg - 4, 64, "ringside", nil},
		{"reads a string ending right before a hole", "tail\x00",
			end - 5, 64, "tail", nil},
		{"reads the empty string", "\x00", fixedVA, 64, "", nil},
		{"reads an untouched page as the empty string", "",
			fixedVA + pg, 64, "", nil},
		{"accepts limit-1 bytes and the NUL", "abc\x00", fixedVA, 4,
			"abc", nil},
		{"is ENAMETOOLONG without a NUL within limit", "abcd\x00",
			fixedVA, 4, "", abi.ENAMETOOLONG},
		{"is ENAMETOOLONG for a zero limit", "\x00", fixedVA, 0, "",
			abi.ENAMETOOLONG},
		{"faults when the string runs into a hole", "open",
			end - 4, 64, "", abi.EFAULT},
		{"is ENAMETOOLONG when limit ends before the hole", "open",
			end - 4, 4, "", abi.ENAMETOOLONG},
		{"faults on unmapped memory", "", hintVA, 64, "", abi.EFAULT},
		{"faults on PROT_NONE memory", "", fixedVA + 4*pg, 64, "",
			abi.EFAULT},
		{"faults past the end of user space", "", testUserEnd, 64, "",
			abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := copyRig(t)
			require.NoError(t, r.as.Poke(tt.addr, []byte(tt.data)))

			got, err := r.as.CopyInString(tt.addr, tt.limit)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCopyInStringStopsAtTheEndOfUserSpace(t *testing.T) {
	r := copyRig(t)
	top := uint64(testUserEnd - 3)
	require.NoError(t, r.as.Poke(top, []byte("abc")))

	_, err := r.as.CopyInString(top, 64)

	assert.Equal(t, abi.EFAULT, err)
}

// The copy cache must never let a copy reach a page whose mapping or
// protection changed since it was cached.
func TestCopyCacheForgetsChangedPages(t *testing.T) {
	tests := []struct {
		name   string
		change func(as *AddressSpace) abi.Errno
		in     error
		out    error
	}{
		{"munmap: both copies fault",
			func(as *AddressSpace) abi.Errno {
				return as.Munmap(fixedVA, pg)
			}, abi.EFAULT, abi.EFAULT},
		{"mprotect read-only: copy-out faults",
			func(as *AddressSpace) abi.Errno {
				return as.Mprotect(fixedVA, pg, ProtRead)
			}, nil, abi.EFAULT},
		{"mprotect none: both copies fault",
			func(as *AddressSpace) abi.Errno {
				return as.Mprotect(fixedVA, pg, ProtNone)
			}, abi.EFAULT, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := copyRig(t)
			var b [8]byte

			// Fill every cache entry with pages about to change.
			for i := range copyCacheSize {
				require.NoError(t, r.as.CopyOut(fixedVA+uint64(i%2)*pg, b[:]))
				require.NoError(t, r.as.CopyIn(fixedVA, b[:]))
			}

			require.Zero(t, tt.change(r.as))
			assert.Equal(t, tt.in, r.as.CopyIn(fixedVA, b[:]))
			assert.Equal(t, tt.out, r.as.CopyOut(fixedVA, b[:]))
		})
	}
}

func TestPokeIntoProtNoneLeavesItUnreadable(t *testing.T) {
	r := copyRig(t)
	none := uint64(fixedVA + 4*pg)

	require.NoError(t, r.as.Poke(none, []byte("loader")))

	var b [6]byte
	assert.Equal(t, abi.EFAULT, r.as.CopyIn(none, b[:]))
	assert.Equal(t, abi.EFAULT, r.as.CopyOut(none, b[:]))
}
