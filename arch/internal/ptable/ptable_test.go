package ptable_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/internal/ptable"
	"github.com/ringside-kernel/ringside/arch/internal/ptable/ptabletest"
)

var (
	errNoFrame = errors.New("no frame")
	errBlock   = errors.New("block")
)

// testLayout has two levels above the leaf; bit 0 is valid, bit 1 set
// makes a table, clear a block.
var testLayout = ptable.Layout{
	Valid:      1,
	Addr:       0x0000_ffff_ffff_f000,
	Table:      3,
	BlockMask:  3,
	Block:      1,
	Shifts:     []uint{30, 21},
	ErrNoFrame: errNoFrame,
	ErrBlock:   errBlock,
}

const (
	poolBase = 0x100000
	blockPA  = 0x40000000
)

func newTables(t *testing.T, pool int) (*ptable.Tables,
	*ptabletest.Store) {
	t.Helper()
	s := ptabletest.NewStore(poolBase, pool)
	tables := ptable.New(&testLayout, s.Alloc, s.Free, s.Frame)
	_, err := tables.NewTable()
	require.NoError(t, err)
	return &tables, s
}

func TestNewTable(t *testing.T) {
	tests := []struct {
		name     string
		pool     int
		wantErr  error
		wantRoot uint64
	}{
		{"the first table is the root", 1, nil, poolBase},
		{"reports the layout's error without a frame", 0, errNoFrame, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ptabletest.NewStore(poolBase, tt.pool)
			tables := ptable.New(&testLayout, s.Alloc, s.Free, s.Frame)

			f, err := tables.NewTable()

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantRoot, tables.Root())
			if err == nil {
				assert.Equal(t, make([]byte, ptable.FrameSize),
					s.Frame(f), "cleared")
			}
		})
	}
}

func TestWalk(t *testing.T) {
	tests := []struct {
		name string
		// before are the addresses walked with create first.
		before     []uint64
		va         uint64
		create     bool
		pool       int
		wantLeaf   bool
		wantErr    error
		wantTables int
	}{
		{"misses without create", nil, 0x400000, false, 3, false, nil, 1},
		{"allocates the missing levels", nil, 0x400000, true, 3, true,
			nil, 3},
		{"reuses the tables of a neighbour", []uint64{0x400000},
			0x401000, false, 3, true, nil, 3},
		{"allocates one table for another 2 MiB", []uint64{0x400000},
			0x600000, true, 4, true, nil, 4},
		{"stops at a block", nil, blockPA, true, 3, false, errBlock, 1},
		{"runs out of frames", nil, 0x400000, true, 2, false, errNoFrame,
			2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, s := newTables(t, tt.pool)
			ptable.SetEntry(s.Frame(tables.Root()), 1, blockPA|1)
			for _, va := range tt.before {
				_, err := tables.Walk(va, true)
				require.NoError(t, err)
			}

			leaf, err := tables.Walk(tt.va, tt.create)

			assert.Equal(t, tt.wantErr, err)
			assert.Equal(t, tt.wantLeaf, leaf != nil)
			assert.Len(t, s.Allocated, tt.wantTables)
		})
	}
}

func TestLookupAndClear(t *testing.T) {
	tests := []struct {
		name   string
		va     uint64
		wantE  uint64
		wantOK bool
	}{
		{"finds the valid entry", 0x400000, 0x7000 | 3, true},
		{"misses an invalid entry in the same table", 0x401000, 0, false},
		{"misses where no table exists", 0x800000, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, s := newTables(t, 3)
			leaf, err := tables.Walk(0x400000, true)
			require.NoError(t, err)
			ptable.SetEntry(leaf, ptable.LeafIndex(0x400000), 0x7000|3)

			e, ok := tables.Lookup(tt.va)
			assert.Equal(t, tt.wantE, e)
			assert.Equal(t, tt.wantOK, ok)

			e, ok = tables.Clear(tt.va)
			assert.Equal(t, tt.wantE, e)
			assert.Equal(t, tt.wantOK, ok)
			_, ok = tables.Lookup(tt.va)
			assert.False(t, ok, "cleared")
			assert.Len(t, s.Allocated, 3, "tables stay")
		})
	}
}

func TestRelease(t *testing.T) {
	tests := []struct {
		name  string
		walks []uint64
		want  int
	}{
		{"frees the root alone", nil, 1},
		{"frees every table a walk allocated",
			[]uint64{0x400000, 0x600000, 1 << 31}, 1 + 2 + 1 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables, s := newTables(t, 8)
			for _, va := range tt.walks {
				_, err := tables.Walk(va, true)
				require.NoError(t, err)
			}

			tables.Release()
			tables.Release()

			assert.Empty(t, s.Allocated)
			assert.Len(t, s.Freed, tt.want)
			assert.Zero(t, tables.Root())
		})
	}
}

func TestWalkRemembersTheLastLeaf(t *testing.T) {
	tables, s := newTables(t, 8)
	leaf, err := tables.Walk(0x400000, true)
	require.NoError(t, err)
	ptable.SetEntry(leaf, ptable.LeafIndex(0x400000), 0x7000|3)

	same, err := tables.Walk(0x5ff000, false)
	require.NoError(t, err)
	assert.Equal(t, &leaf[0], &same[0], "one leaf maps the 2 MiB region")

	other, err := tables.Walk(0x600000, true)
	require.NoError(t, err)
	assert.NotEqual(t, &leaf[0], &other[0], "the next region has its own")
	e, ok := tables.Lookup(0x400000)
	assert.True(t, ok, "walking back finds the first leaf's entry")
	assert.Equal(t, uint64(0x7000|3), e)

	tables.Release()
	_, err = tables.NewTable()
	require.NoError(t, err)
	miss, err := tables.Walk(0x400000, false)
	require.NoError(t, err)
	assert.Nil(t, miss, "no leaf survives Release")
	assert.Len(t, s.Allocated, 1)
}
