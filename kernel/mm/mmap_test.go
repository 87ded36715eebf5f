package mm

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	anon    = MapPrivate | MapAnonymous
	rw      = ProtRead | ProtWrite
	hintVA  = 0x500000000
	fixedVA = 0x600000000
)

func TestMmap(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(t *testing.T, r *rig)
		addr     uint64
		length   uint64
		prot     Prot
		flags    uint64
		want     uint64
		wantErr  abi.Errno
		wantVMAs []VMA
	}{
		{
			name:   "places a mapping at the top of the mmap area",
			length: 2 * pg, prot: rw, flags: anon,
			want:     testMmapBase - 2*pg,
			wantVMAs: []VMA{vma(testMmapBase-2*pg, testMmapBase, rw)},
		},
		{
			name: "places the next mapping right below, merged",
			setup: func(t *testing.T, r *rig) {
				_, e := r.as.Mmap(0, pg, rw, anon)
				require.Zero(t, e)
			},
			length: pg, prot: rw, flags: anon,
			want:     testMmapBase - 2*pg,
			wantVMAs: []VMA{vma(testMmapBase-2*pg, testMmapBase, rw)},
		},
		{
			name:   "skips a mapping that blocks the top",
			setup:  func(t *testing.T, r *rig) { r.mapAt(t, testMmapBase-pg, pg, rw) },
			length: 2 * pg, prot: ProtRead, flags: anon,
			want: testMmapBase - 3*pg,
			wantVMAs: []VMA{
				vma(testMmapBase-3*pg, testMmapBase-pg, ProtRead),
				vma(testMmapBase-pg, testMmapBase, rw),
			},
		},
		{
			name: "honours a free hint",
			addr: hintVA, length: pg, prot: rw, flags: anon,
			want:     hintVA,
			wantVMAs: []VMA{vma(hintVA, hintVA+pg, rw)},
		},
		{
			name: "rounds an unaligned hint up",
			addr: hintVA + 1, length: pg, prot: rw, flags: anon,
			want:     hintVA + pg,
			wantVMAs: []VMA{vma(hintVA+pg, hintVA+2*pg, rw)},
		},
		{
			name:  "ignores a hint over a mapping",
			setup: func(t *testing.T, r *rig) { r.mapAt(t, hintVA, pg, rw) },
			addr:  hintVA, length: pg, prot: rw, flags: anon,
			want: testMmapBase - pg,
		},
		{
			name: "ignores a hint in a reserved range",
			addr: 0x10000000, length: pg, prot: rw, flags: anon,
			want: testMmapBase - pg,
		},
		{
			name: "places a fixed mapping exactly",
			addr: fixedVA, length: pg + 1, prot: ProtExec,
			flags:    anon | MapFixed,
			want:     fixedVA,
			wantVMAs: []VMA{vma(fixedVA, fixedVA+2*pg, ProtExec)},
		},
		{
			name: "replaces what a fixed mapping covers",
			setup: func(t *testing.T, r *rig) {
				r.mapAt(t, fixedVA, 4*pg, rw)
				r.touch(t, fixedVA, 4*pg)
			},
			addr: fixedVA + pg, length: 2 * pg, prot: ProtRead,
			flags: anon | MapFixed,
			want:  fixedVA + pg,
			wantVMAs: []VMA{
				vma(fixedVA, fixedVA+pg, rw),
				vma(fixedVA+pg, fixedVA+3*pg, ProtRead),
				vma(fixedVA+3*pg, fixedVA+4*pg, rw),
			},
		},
		{
			name: "treats anonymous MAP_SHARED as private",
			addr: hintVA, length: pg, prot: rw,
			flags: MapShared | MapAnonymous,
			want:  hintVA,
		},
		{
			name:   "rejects a zero length",
			length: 0, prot: rw, flags: anon,
			wantErr: abi.EINVAL,
		},
		{
			name:   "rejects a file mapping",
			length: pg, prot: rw, flags: MapPrivate,
			wantErr: abi.ENODEV,
		},
		{
			name:   "rejects neither shared nor private",
			length: pg, prot: rw, flags: MapAnonymous,
			wantErr: abi.EINVAL,
		},
		{
			name:   "rejects shared and private together",
			length: pg, prot: rw, flags: anon | MapShared,
			wantErr: abi.EINVAL,
		},
		{
			name:   "rejects a shared growsdown mapping",
			length: pg, prot: rw,
			flags:   MapShared | MapAnonymous | MapGrowsDown,
			wantErr: abi.EINVAL,
		},
		{
			name: "rejects an unaligned fixed address",
			addr: fixedVA + 1, length: pg, prot: rw,
			flags:   anon | MapFixed,
			wantErr: abi.EINVAL,
		},
		{
			name: "rejects a fixed mapping past the end of user space",
			addr: testUserEnd - pg, length: 2 * pg, prot: rw,
			flags:   anon | MapFixed,
			wantErr: abi.ENOMEM,
		},
		{
			name: "rejects a fixed mapping over kernel memory",
			addr: 0x100000, length: pg, prot: rw,
			flags:   anon | MapFixed,
			wantErr: abi.ENOMEM,
		},
		{
			name:   "rejects a length that wraps when rounded",
			length: ^uint64(0), prot: rw, flags: anon,
			wantErr: abi.ENOMEM,
		},
		{
			name:   "rejects a length larger than user space",
			length: testUserEnd + pg, prot: rw, flags: anon,
			wantErr: abi.ENOMEM,
		},
		{
			name:  "refuses to replace with MAP_FIXED_NOREPLACE",
			setup: func(t *testing.T, r *rig) { r.mapAt(t, fixedVA, pg, rw) },
			addr:  fixedVA, length: pg, prot: rw,
			flags:    anon | MapFixedNoReplace,
			wantErr:  abi.EEXIST,
			wantVMAs: []VMA{vma(fixedVA, fixedVA+pg, rw)},
		},
		{
			name: "maps a free range with MAP_FIXED_NOREPLACE",
			addr: fixedVA, length: pg, prot: rw,
			flags: anon | MapFixedNoReplace,
			want:  fixedVA,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(64)
			if tt.setup != nil {
				tt.setup(t, r)
			}

			got, err := r.as.Mmap(tt.addr, tt.length, tt.prot, tt.flags)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.want, got)
			if tt.wantVMAs != nil {
				assert.Equal(t, tt.wantVMAs, r.ranges())
			}
			assert.Equal(t, len(r.pt.ptes), r.as.ResidentPages())
			assert.Equal(t, r.mem.used(), r.as.ResidentPages())
		})
	}
}

func TestMmapFixedFreesReplacedFrames(t *testing.T) {
	r := newRig(64)
	r.mapAt(t, fixedVA, 4*pg, rw)
	require.NoError(t, r.as.CopyOut(fixedVA, make([]byte, 4*pg)))
	require.Equal(t, 4, r.mem.used())

	_, err := r.as.Mmap(fixedVA, 4*pg, rw, anon|MapFixed)

	require.Zero(t, err)
	assert.Zero(t, r.mem.used())
	assert.Empty(t, r.pt.ptes)
	got := make([]byte, 8)
	require.NoError(t, r.as.CopyIn(fixedVA, got))
	assert.Equal(t, make([]byte, 8), got, "new mapping reads zero")
}

func TestMmapPopulate(t *testing.T) {
	tests := []struct {
		name      string
		frames    int
		prot      Prot
		wantPages int
	}{
		{"faults every page in", 64, rw, 4},
		{"stops quietly when frames run out", 2, rw, 2},
		{"leaves PROT_NONE untouched", 64, ProtNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(tt.frames)

			_, err := r.as.Mmap(0, 4*pg, tt.prot, anon|MapPopulate)

			require.Zero(t, err)
			assert.Equal(t, tt.wantPages, r.as.ResidentPages())
			assert.Len(t, r.pt.ptes, tt.wantPages)
		})
	}
}

func TestMmapFallsBackBottomUpWhenTopIsFull(t *testing.T) {
	r := newRig(8)
	r.as.layout.MmapBase = 0x400000
	r.mapAt(t, 0x200000, 0x200000, rw)

	got, err := r.as.Mmap(0, pg, rw, anon)

	require.Zero(t, err)
	assert.Equal(t, uint64(0x400000), got)
}

func TestMapRejects(t *testing.T) {
	tests := []struct {
		name    string
		addr    uint64
		length  uint64
		wantErr error
	}{
		{"an unaligned address", fixedVA + 8, pg, abi.EINVAL},
		{"a zero length", fixedVA, 0, abi.EINVAL},
		{"a wrapping range", ^uint64(0) &^ 0xfff, 2 * pg, abi.EINVAL},
		{"a range past user space", testUserEnd, pg, abi.ENOMEM},
		{"a reserved range", 0x3ffff000, 2 * pg, abi.ENOMEM},
		{"an overlap", fixedVA + pg, pg, abi.EEXIST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(8)
			r.mapAt(t, fixedVA, 2*pg, rw)

			err := r.as.Map(tt.addr, tt.length, rw, "x")

			assert.Equal(t, tt.wantErr, err)
			assert.Len(t, r.ranges(), 1)
		})
	}
}
