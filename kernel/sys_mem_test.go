package kernel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

const (
	protRW   = uint64(mm.ProtRead | mm.ProtWrite)
	anonPriv = uint64(abi.MAP_ANONYMOUS | abi.MAP_PRIVATE)
)

func TestBrkGrowsAndReportsFailureWithOldBreak(t *testing.T) {
	e := newEnv(t)
	e.t.MM.SetBrkBase(0x1000000)

	assert.Equal(t, int64(0x1000000), e.call(abi.SysBrk, 0))
	assert.Equal(t, int64(0x1003000), e.call(abi.SysBrk, 0x1003000))
	assert.Equal(t, int64(0x1003000), e.call(abi.SysBrk, envUserEnd+1))
	e.poke(t, 0x1002ff8, []byte{1})
}

func TestMmapErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"offset not page aligned", []uint64{0, 4096, protRW, anonPriv,
			^uint64(0), 100}, abi.EINVAL},
		{"file mapping of the console", []uint64{0, 4096, protRW,
			abi.MAP_PRIVATE, 1, 0}, abi.ENODEV},
		{"file mapping of a closed fd", []uint64{0, 4096, protRW,
			abi.MAP_PRIVATE, 7, 0}, abi.EBADF},
		{"file mapping of fd -1", []uint64{0, 4096, protRW,
			abi.MAP_PRIVATE, ^uint64(0), 0}, abi.EBADF},
		{"file mapping of zero length", []uint64{0, 0, protRW,
			abi.MAP_PRIVATE, 0, 0}, abi.EINVAL},
		{"anonymous zero length", []uint64{0, 0, protRW, anonPriv,
			^uint64(0), 0}, abi.EINVAL},
		{"neither shared nor private", []uint64{0, 4096, protRW,
			abi.MAP_ANONYMOUS, ^uint64(0), 0}, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want), e.call(abi.SysMmap, tt.args...))
		})
	}
}

func TestMmapAnonymousIgnoresFd(t *testing.T) {
	e := newEnv(t)

	addr := e.call(abi.SysMmap, 0, 8192, protRW, anonPriv, 5, 0)

	require.Positive(t, addr)
	e.putU64(t, uint64(addr)+4096, 7)
	assert.Zero(t, e.call(abi.SysMprotect, uint64(addr), 8192,
		uint64(mm.ProtRead)))
	assert.Zero(t, e.call(abi.SysMunmap, uint64(addr), 8192))
	assert.Equal(t, errno(abi.EINVAL), e.call(abi.SysMunmap, 1, 8192))
}

func TestMadviseErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"unknown advice", []uint64{dataAddr, 4096, 5}, abi.EINVAL},
		{"KSM advice without KSM", []uint64{dataAddr, 4096, 12},
			abi.EINVAL},
		{"start not aligned", []uint64{dataAddr + 1, 4096, 4},
			abi.EINVAL},
		{"length wraps", []uint64{dataAddr, ^uint64(0), 4}, abi.EINVAL},
		{"empty range", []uint64{holeAddr, 0, 4}, 0},
		{"hole", []uint64{holeAddr, 4096, 4}, abi.ENOMEM},
		{"range running into a hole", []uint64{edgeAddr, 8192, 0},
			abi.ENOMEM},
		{"hint on a mapping", []uint64{dataAddr, dataLen, 3}, 0},
		{"remove on anonymous memory", []uint64{dataAddr, 4096, 9},
			abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysMadvise, tt.args...))
		})
	}
}

func TestMadviseDontneedAcrossAHole(t *testing.T) {
	e := newEnv(t)
	e.putU64(t, dataAddr, 0x1234)

	assert.Equal(t, errno(abi.ENOMEM), e.call(abi.SysMadvise,
		dataAddr-abi.PageSize, 2*abi.PageSize, abi.MADV_DONTNEED),
		"the hole below the mapping is ENOMEM")
	assert.Zero(t, e.u64(t, dataAddr),
		"after the mapped part was dropped, as on Linux")
	assert.Equal(t, "data", vmaName(t, e, dataAddr))
}

func TestMadviseDontneedZeroes(t *testing.T) {
	tests := []struct {
		name   string
		advice uint64
		zero   bool
	}{
		{"dontneed drops the data", abi.MADV_DONTNEED, true},
		{"dontneed_locked too", 24, true},
		{"free may keep it", abi.MADV_FREE, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.putU64(t, dataAddr+4096, 0x1234)
			e.putU64(t, dataAddr+8192, 0x5678)

			require.Zero(t, e.call(abi.SysMadvise, dataAddr+4096, 4096,
				tt.advice))

			want := uint64(0x1234)
			if tt.zero {
				want = 0
			}
			assert.Equal(t, want, e.u64(t, dataAddr+4096))
			assert.Equal(t, uint64(0x5678), e.u64(t, dataAddr+8192),
				"the page after stays")
			assert.Equal(t, "data", vmaName(t, e, dataAddr+4096))
		})
	}
}

func vmaName(tb testing.TB, e *sysEnv, addr uint64) string {
	v, ok := vmaAt(e.t.MM, addr)
	require.True(tb, ok)
	return v.Name
}

func TestMremapErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"unknown flag", []uint64{dataAddr, 4096, 4096, 8}, abi.EINVAL},
		{"fixed without maymove", []uint64{dataAddr, 4096, 4096,
			abi.MREMAP_FIXED, 0x900000}, abi.EINVAL},
		{"dontunmap changing size", []uint64{dataAddr, 4096, 8192,
			abi.MREMAP_MAYMOVE | abi.MREMAP_DONTUNMAP}, abi.EINVAL},
		{"old address not aligned", []uint64{dataAddr + 8, 4096, 4096, 0},
			abi.EINVAL},
		{"new length zero", []uint64{dataAddr, 4096, 0, 0}, abi.EINVAL},
		{"nothing mapped", []uint64{holeAddr, 4096, 8192, 0}, abi.EFAULT},
		{"cannot grow in place", []uint64{roAddr, 4096, 0x300000, 0},
			abi.ENOMEM},
		{"old range past the mapping", []uint64{edgeAddr, 8192, 12288,
			0}, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want), e.call(abi.SysMremap,
				tt.args...))
		})
	}
}

func TestMremapShrinkGrowMove(t *testing.T) {
	e := newEnv(t)
	a := uint64(e.call(abi.SysMmap, 0x900000, 3*4096, protRW,
		anonPriv|abi.MAP_FIXED, 0, 0))
	require.Equal(t, uint64(0x900000), a)
	e.putU64(t, a, 42)

	assert.Equal(t, int64(a), e.call(abi.SysMremap, a, 3*4096, 4096, 0))
	_, mapped := vmaAt(e.t.MM, a+4096)
	assert.False(t, mapped, "shrinking unmaps the tail")

	assert.Equal(t, int64(a), e.call(abi.SysMremap, a, 4096, 2*4096, 0),
		"the pages above are free: grown in place")

	// Block growth in place, then move.
	e.call(abi.SysMmap, a+2*4096, 4096, protRW, anonPriv|abi.MAP_FIXED, 0,
		0)
	n := e.call(abi.SysMremap, a, 2*4096, 4*4096, abi.MREMAP_MAYMOVE)
	require.Positive(t, n)
	assert.NotEqual(t, int64(a), n)
	assert.Equal(t, uint64(42), e.u64(t, uint64(n)), "contents moved")
	_, mapped = vmaAt(e.t.MM, a)
	assert.False(t, mapped, "old range unmapped")
}

func TestMremapFixedAndDontunmap(t *testing.T) {
	e := newEnv(t)
	e.putU64(t, dataAddr, 99)

	r := e.call(abi.SysMremap, dataAddr, 4096, 4096,
		abi.MREMAP_MAYMOVE|abi.MREMAP_FIXED|abi.MREMAP_DONTUNMAP,
		0xa00000)

	require.Equal(t, int64(0xa00000), r)
	assert.Equal(t, uint64(99), e.u64(t, 0xa00000))
	assert.Zero(t, e.u64(t, dataAddr), "old range kept, emptied")
	assert.Equal(t, errno(abi.EINVAL), e.call(abi.SysMremap, dataAddr,
		8192, 8192, abi.MREMAP_MAYMOVE|abi.MREMAP_FIXED, dataAddr+4096),
		"overlapping ranges")
}
