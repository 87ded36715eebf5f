package mm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBrk(t *testing.T) {
	const (
		imageEnd = 0x401234
		base     = 0x402000 // imageEnd page rounded
	)
	heap := func(end uint64) VMA {
		return VMA{Range{base, end}, rw, heapName}
	}
	tests := []struct {
		name     string
		setup    func(t *testing.T, r *rig)
		calls    []uint64
		want     uint64
		wantVMAs []VMA
		wantUsed int
	}{
		{
			name:  "reports the page-rounded base for brk(0)",
			calls: []uint64{0}, want: base, wantVMAs: []VMA{},
		},
		{
			name:  "ignores requests below the base",
			calls: []uint64{base - 1}, want: base, wantVMAs: []VMA{},
		},
		{
			name:     "grows to an unaligned break",
			calls:    []uint64{base + 10},
			want:     base + 10,
			wantVMAs: []VMA{heap(base + pg)},
		},
		{
			name:     "grows within the same page without a new VMA",
			calls:    []uint64{base + 10, base + 20},
			want:     base + 20,
			wantVMAs: []VMA{heap(base + pg)},
		},
		{
			name:     "extends the heap VMA",
			calls:    []uint64{base + pg, base + 3*pg},
			want:     base + 3*pg,
			wantVMAs: []VMA{heap(base + 3*pg)},
		},
		{
			name: "shrinks and frees the pages above the break",
			setup: func(t *testing.T, r *rig) {
				r.as.Brk(base + 4*pg)
				r.touch(t, base, 4*pg)
			},
			calls:    []uint64{base + pg + 1},
			want:     base + pg + 1,
			wantVMAs: []VMA{heap(base + 2*pg)},
			wantUsed: 2,
		},
		{
			name: "shrinks back to the base",
			setup: func(t *testing.T, r *rig) {
				r.as.Brk(base + 4*pg)
				r.touch(t, base, 4*pg)
			},
			calls: []uint64{base}, want: base, wantVMAs: []VMA{},
		},
		{
			name:  "keeps the break when growth hits a mapping",
			setup: func(t *testing.T, r *rig) { r.mapAt(t, base+4*pg, pg, rw) },
			calls: []uint64{base + pg, base + 8*pg},
			want:  base + pg,
			wantVMAs: []VMA{
				heap(base + pg), vma(base+4*pg, base+5*pg, rw),
			},
		},
		{
			name:     "keeps a free page between the heap and a mapping",
			setup:    func(t *testing.T, r *rig) { r.mapAt(t, base+4*pg, pg, rw) },
			calls:    []uint64{base + 4*pg},
			want:     base,
			wantVMAs: []VMA{vma(base+4*pg, base+5*pg, rw)},
		},
		{
			name:     "grows up to one page below a mapping",
			setup:    func(t *testing.T, r *rig) { r.mapAt(t, base+4*pg, pg, rw) },
			calls:    []uint64{base + 3*pg},
			want:     base + 3*pg,
			wantVMAs: []VMA{heap(base + 3*pg), vma(base+4*pg, base+5*pg, rw)},
		},
		{
			name:     "keeps the break when growth reaches kernel memory",
			calls:    []uint64{0x10000001},
			want:     base,
			wantVMAs: []VMA{},
		},
		{
			name:     "keeps the break for a request that wraps",
			calls:    []uint64{^uint64(0)},
			want:     base,
			wantVMAs: []VMA{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(16)
			r.as.SetBrkBase(imageEnd)
			if tt.setup != nil {
				tt.setup(t, r)
			}

			var got uint64
			for _, c := range tt.calls {
				got = r.as.Brk(c)
			}

			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want, r.as.Brk(0))
			assert.Equal(t, tt.wantVMAs, append([]VMA{}, r.ranges()...))
			assert.Equal(t, tt.wantUsed, r.mem.used())
		})
	}
}

func TestBrkBeforeBaseIsZero(t *testing.T) {
	r := newRig(4)
	assert.Zero(t, r.as.Brk(0x500000))
	assert.Empty(t, r.ranges())
}

func TestBrkGrownHeapReadsZeroAfterShrink(t *testing.T) {
	r := newRig(4)
	r.as.SetBrkBase(0x400000)
	r.as.Brk(0x400000 + pg)
	require.NoError(t, r.as.CopyOut(0x400000, []byte{0xff}))

	r.as.Brk(0x400000)
	r.as.Brk(0x400000 + pg)

	got := make([]byte, 1)
	require.NoError(t, r.as.CopyIn(0x400000, got))
	assert.Zero(t, got[0])
}
