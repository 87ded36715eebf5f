// Package ptable is the table-frame bookkeeping that the page tables of
// arch/amd64 and arch/arm64 share, Linux's generic __pte_alloc and
// free_pgtables (mm/memory.c) in miniature: tables allocated zeroed and
// owned until Release, the walk from the root to the leaf table, and
// entries stored with one write. What an entry's bits mean stays in the
// arch package, which describes its tables with a Layout. Portable Go:
// tables are reached through a frame accessor, so host tests run it on
// byte slices.
package ptable

import "encoding/binary"

const (
	// Entries is the number of 8-byte entries of a table.
	Entries = 512
	// FrameSize is the size of a table and of a leaf page: 4 KiB.
	FrameSize = 4096
	// PageShift is log2 of FrameSize, the shift of the leaf level.
	PageShift = 12
)

// Layout is how one architecture's tables read above the leaf level and
// what its walk reports.
type Layout struct {
	// Valid is the bit that makes an entry present (x86 P, Arm valid).
	Valid uint64
	// Addr are the bits holding the frame an entry points to.
	Addr uint64
	// Table is what a new intermediate entry holds besides the address.
	Table uint64
	// A valid intermediate entry e maps a block (a large page) rather
	// than a table when e&BlockMask == Block.
	BlockMask, Block uint64
	// Shifts are the address shifts of the levels above the leaf,
	// root first.
	Shifts []uint

	// ErrNoFrame is returned when no frame is left for a table,
	// ErrBlock when a walk meets a block: only the kernel maps blocks.
	ErrNoFrame, ErrBlock error
}

// Tables are the table frames of one task's page tables. They are not
// safe for concurrent use.
type Tables struct {
	layout *Layout
	alloc  func() (uint64, bool)
	free   func(uint64)
	frame  func(pa uint64) []byte

	// owned are the frames NewTable returned, the root first.
	owned []uint64

	// lastKey is 1 + the 2 MiB region (va >> LeafShift) whose leaf
	// table lastLeaf is, 0 for none: demand paging and munmap walk the
	// same leaf again and again, and leaf tables live until Release.
	lastKey  uint64
	lastLeaf []byte
}

// LeafShift is the shift of the region one leaf table maps (2 MiB).
const LeafShift = PageShift + 9

// New returns Tables without any table yet: the first NewTable is the
// root. alloc hands out frames that frame reaches; free takes them back
// on Release.
func New(layout *Layout, alloc func() (uint64, bool), free func(uint64),
	frame func(pa uint64) []byte) Tables {
	return Tables{layout: layout, alloc: alloc, free: free, frame: frame}
}

// Frame returns the table at pa.
func (t *Tables) Frame(pa uint64) []byte { return t.frame(pa) }

// Root is the first table NewTable allocated, zero before that and after
// Release.
func (t *Tables) Root() uint64 {
	if len(t.owned) == 0 {
		return 0
	}
	return t.owned[0]
}

// NewTable allocates a zeroed table frame that t owns until Release.
func (t *Tables) NewTable() (uint64, error) {
	f, ok := t.alloc()
	if !ok {
		return 0, t.layout.ErrNoFrame
	}
	clear(t.frame(f)[:FrameSize])
	t.owned = append(t.owned, f)
	return f, nil
}

// Release frees every table NewTable allocated, never a table an entry
// was copied from. A second call does nothing.
func (t *Tables) Release() {
	for _, f := range t.owned {
		t.free(f)
	}
	t.owned = nil
	t.lastKey, t.lastLeaf = 0, nil
}

// Walk returns the leaf table that maps va, allocating the missing
// levels if create, else returning nil for them.
//
// Preconditions: Root is not zero; the caller has checked that va is a
// user address.
func (t *Tables) Walk(va uint64, create bool) ([]byte, error) {
	key := va>>LeafShift + 1
	if key == t.lastKey {
		return t.lastLeaf, nil
	}

	l := t.layout
	table := t.Root()
	for _, shift := range l.Shifts {
		f := t.frame(table)
		i := int(va>>shift) % Entries
		e := Entry(f, i)
		switch {
		case e&l.Valid == 0 && !create:
			return nil, nil
		case e&l.Valid == 0:
			next, err := t.NewTable()
			if err != nil {
				return nil, err
			}
			e = next | l.Table
			SetEntry(f, i, e)
		case e&l.BlockMask == l.Block:
			return nil, l.ErrBlock
		}
		table = e & l.Addr
	}
	t.lastKey, t.lastLeaf = key, t.frame(table)
	return t.lastLeaf, nil
}

// Lookup returns the leaf entry of va; ok is false when it is not valid
// or no table holds it.
func (t *Tables) Lookup(va uint64) (e uint64, ok bool) {
	_, _, e, ok = t.leaf(va)
	return e, ok
}

// Clear removes the valid leaf entry of va and returns it; ok is false
// when there was none. The caller invalidates the TLB. Tables stay until
// Release.
func (t *Tables) Clear(va uint64) (e uint64, ok bool) {
	leaf, i, e, ok := t.leaf(va)
	if !ok {
		return 0, false
	}
	SetEntry(leaf, i, 0)
	return e, true
}

// leaf finds va's leaf table, va's slot in it and the entry there; ok is
// false when the entry is not valid or no table holds it.
func (t *Tables) leaf(va uint64) (table []byte, i int, e uint64, ok bool) {
	table, _ = t.Walk(va, false)
	if table == nil {
		return nil, 0, 0, false
	}
	i = LeafIndex(va)
	e = Entry(table, i)
	return table, i, e, e&t.layout.Valid != 0
}

// LeafIndex is va's slot in its leaf table.
func LeafIndex(va uint64) int { return int(va>>PageShift) % Entries }

// Entry returns entry i of table.
func Entry(table []byte, i int) uint64 {
	return binary.LittleEndian.Uint64(table[i*8:])
}

// SetEntry stores entry i of table with a single 8-byte write, as the
// MMU may be walking the table (single-copy atomic: Arm ARM D8.2.3).
func SetEntry(table []byte, i int, e uint64) {
	binary.LittleEndian.PutUint64(table[i*8:], e)
}
