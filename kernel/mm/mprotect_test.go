package mm

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMprotect(t *testing.T) {
	const (
		a = fixedVA
		b = fixedVA + 8*pg // second VMA, after a hole
	)
	initial := []VMA{vma(a, a+4*pg, rw), vma(b, b+4*pg, rw)}
	tests := []struct {
		name     string
		addr     uint64
		length   uint64
		prot     Prot
		wantErr  abi.Errno
		wantVMAs []VMA
	}{
		{
			name: "splits a VMA in three",
			addr: a + pg, length: 2 * pg, prot: ProtRead,
			wantVMAs: []VMA{
				vma(a, a+pg, rw), vma(a+pg, a+3*pg, ProtRead),
				vma(a+3*pg, a+4*pg, rw), vma(b, b+4*pg, rw),
			},
		},
		{
			name: "merges back when protections match again",
			addr: a, length: 4 * pg, prot: rw,
			wantVMAs: initial,
		},
		{
			name: "changes what precedes a hole, then fails",
			addr: a + 2*pg, length: 8 * pg, prot: ProtRead,
			wantErr: abi.ENOMEM,
			wantVMAs: []VMA{
				vma(a, a+2*pg, rw), vma(a+2*pg, a+4*pg, ProtRead),
				vma(b, b+4*pg, rw),
			},
		},
		{
			name: "fails without change when the start is a hole",
			addr: a + 4*pg, length: 8 * pg, prot: ProtRead,
			wantErr: abi.ENOMEM, wantVMAs: initial,
		},
		{
			name: "fails when the range runs past the last VMA",
			addr: b, length: 8 * pg, prot: ProtRead,
			wantErr: abi.ENOMEM,
			wantVMAs: []VMA{
				vma(a, a+4*pg, rw), vma(b, b+4*pg, ProtRead),
			},
		},
		{
			name: "rejects an unaligned address",
			addr: a + 1, length: pg, prot: ProtRead,
			wantErr: abi.EINVAL, wantVMAs: initial,
		},
		{
			name: "accepts a zero length",
			addr: a + 4*pg, length: 0, prot: ProtRead,
			wantVMAs: initial,
		},
		{
			name: "rejects unknown protection bits",
			addr: a, length: pg, prot: 0x10,
			wantErr: abi.EINVAL, wantVMAs: initial,
		},
		{
			name: "accepts PROT_SEM",
			addr: a, length: 4 * pg, prot: ProtRead | protSem,
			wantVMAs: []VMA{vma(a, a+4*pg, ProtRead), vma(b, b+4*pg, rw)},
		},
		{
			name: "rejects growsdown on a VMA that does not grow",
			addr: a, length: pg, prot: ProtRead | protGrowsDown,
			wantErr: abi.EINVAL, wantVMAs: initial,
		},
		{
			name: "rejects growsdown and growsup together",
			addr: a, length: pg,
			prot:    ProtRead | protGrowsDown | protGrowsUp,
			wantErr: abi.EINVAL, wantVMAs: initial,
		},
		{
			name: "rejects a wrapping range",
			addr: a, length: ^uint64(0) - pg,
			prot: ProtRead, wantErr: abi.ENOMEM, wantVMAs: initial,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(16)
			r.mapAt(t, a, 4*pg, rw)
			r.mapAt(t, b, 4*pg, rw)

			err := r.as.Mprotect(tt.addr, tt.length, tt.prot)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantVMAs, r.ranges())
		})
	}
}

func TestMprotectUpdatesPresentPages(t *testing.T) {
	r := newRig(16)
	r.mapAt(t, fixedVA, 2*pg, rw)
	require.NoError(t, r.as.CopyOut(fixedVA, []byte("kept")))
	r.touch(t, fixedVA+pg, pg)
	pa := r.pt.ptes[fixedVA].pa

	require.Zero(t, r.as.Mprotect(fixedVA, 2*pg, ProtRead|ProtExec))
	assert.Equal(t, fakePTE{pa, false, true}, r.pt.ptes[fixedVA])
	assert.False(t, r.pt.ptes[fixedVA+pg].write)

	require.Zero(t, r.as.Mprotect(fixedVA, pg, ProtNone))
	assert.NotContains(t, r.pt.ptes, uint64(fixedVA), "out of hardware")
	assert.Equal(t, 2, r.mem.used(), "frame kept")
	ok, code := r.as.HandleFault(fixedVA, false, false)
	assert.False(t, ok)
	assert.Equal(t, abi.SEGV_ACCERR, code)

	require.Zero(t, r.as.Mprotect(fixedVA, pg, rw))
	assert.Equal(t, fakePTE{pa, true, false}, r.pt.ptes[fixedVA])
	got := make([]byte, 4)
	require.NoError(t, r.as.CopyIn(fixedVA, got))
	assert.Equal(t, "kept", string(got))
}

func TestMprotectFailsWhenTheTableCannotGrow(t *testing.T) {
	r := newRig(16)
	r.mapAt(t, fixedVA, pg, ProtNone)
	require.NoError(t, r.as.Poke(fixedVA, []byte{1}))
	r.pt.full = true

	assert.Equal(t, abi.ENOMEM, r.as.Mprotect(fixedVA, pg, rw))
}
