package mm

// pageRecord is the software page record: virtual page number → frame,
// for every present page. It is a radix tree of 512-way nodes over the
// page number, four levels for 36 bits (a 48-bit address space), the
// shape of the hardware tables it mirrors: a lookup is four indexed loads
// (one with the last-leaf cache), nothing is hashed, and iteration goes
// in address order, so the cost of an operation does not change from
// boot to boot as a Go map's (whose hash seed is random) did. Nodes are
// allocated on the first page of their range and kept until clear, as
// Linux keeps page-table pages until free_pgtables.
type pageRecord struct {
	root *recordDir
	n    int

	// lastKey is 1 + the leaf index (vpn >> recordBits) of lastLeaf, 0
	// for none: faults and copies stay in one leaf for long runs.
	lastKey  uint64
	lastLeaf *recordLeaf
}

const (
	recordBits   = 9
	recordFanout = 1 << recordBits
	recordMask   = recordFanout - 1
	// recordLevels above the leaves: 3 × 9 + 9 = 36 bits of vpn.
	recordLevels = 3
	recordVPNs   = 1 << (recordBits * (recordLevels + 1))
)

// recordDir is an inner node: its children are *recordDir down to the
// last inner level, whose children are *recordLeaf. Every node has both
// arrays and uses one: 4 KiB of each inner node stays empty, the price
// of one node type for every level (a task has a handful of them).
type recordDir struct {
	dirs   [recordFanout]*recordDir
	leaves [recordFanout]*recordLeaf
}

// recordLeaf holds pa | 1 for a present page, 0 for an absent one
// (frames are page aligned: bit 0 is free).
type recordLeaf [recordFanout]uint64

// leaf returns the leaf holding vpn, creating the path if create; nil
// when it does not exist (or vpn is out of range).
func (r *pageRecord) leaf(vpn uint64, create bool) *recordLeaf {
	key := vpn>>recordBits + 1
	if key == r.lastKey {
		return r.lastLeaf
	}
	if vpn >= recordVPNs {
		return nil
	}

	if r.root == nil {
		if !create {
			return nil
		}
		r.root = new(recordDir)
	}
	d := r.root
	for shift := uint(recordBits * recordLevels); shift > recordBits; {
		i := vpn >> shift & recordMask
		shift -= recordBits
		if d.dirs[i] == nil {
			if !create {
				return nil
			}
			d.dirs[i] = new(recordDir)
		}
		d = d.dirs[i]
	}
	i := vpn >> recordBits & recordMask
	if d.leaves[i] == nil {
		if !create {
			return nil
		}
		d.leaves[i] = new(recordLeaf)
	}
	r.lastKey, r.lastLeaf = key, d.leaves[i]
	return d.leaves[i]
}

// get returns the frame behind vpn.
func (r *pageRecord) get(vpn uint64) (pa uint64, ok bool) {
	l := r.leaf(vpn, false)
	if l == nil {
		return 0, false
	}
	e := l[vpn&recordMask]
	return e &^ 1, e != 0
}

// set records pa behind vpn. Precondition: vpn < recordVPNs.
func (r *pageRecord) set(vpn, pa uint64) {
	l := r.leaf(vpn, true)
	if l[vpn&recordMask] == 0 {
		r.n++
	}
	l[vpn&recordMask] = pa | 1
}

// del forgets vpn's frame.
func (r *pageRecord) del(vpn uint64) {
	l := r.leaf(vpn, false)
	if l == nil || l[vpn&recordMask] == 0 {
		return
	}
	l[vpn&recordMask] = 0
	r.n--
}

// len is the number of present pages.
func (r *pageRecord) len() int { return r.n }

// each calls fn for every present page with first <= vpn < last, in
// address order, skipping absent subtrees whole; it stops at fn's first
// error.
func (r *pageRecord) each(first, last uint64,
	fn func(vpn, pa uint64) error) error {
	if r.root == nil || first >= last {
		return nil
	}

	// A range inside one leaf (a page, a small munmap) goes straight
	// there, through the last-leaf cache.
	if first>>recordBits == (last-1)>>recordBits {
		l := r.leaf(first, false)
		if l == nil {
			return nil
		}
		return eachLeaf(l, first&^recordMask, first, last, fn)
	}
	return r.eachDir(r.root, recordBits*recordLevels, 0, first, last, fn)
}

// eachDir walks d, which covers page numbers from base on, shift being
// the shift of its children's index; only the children that overlap
// [first, last) are visited. Precondition: base < last, first < base +
// the span of d.
func (r *pageRecord) eachDir(d *recordDir, shift uint, base, first,
	last uint64, fn func(vpn, pa uint64) error) error {
	span := uint64(1) << shift
	i := uint64(0)
	if first > base {
		i = (first - base) >> shift
	}
	for ; i < recordFanout; i++ {
		lo := base + i*span
		if lo >= last {
			break
		}
		var err error
		switch {
		case shift > recordBits && d.dirs[i] != nil:
			err = r.eachDir(d.dirs[i], shift-recordBits, lo, first,
				last, fn)
		case shift == recordBits && d.leaves[i] != nil:
			err = eachLeaf(d.leaves[i], lo, first, last, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// eachLeaf is eachDir's last step: the present pages of l, which holds
// the page numbers from base on, that lie in [first, last).
func eachLeaf(l *recordLeaf, base, first, last uint64,
	fn func(vpn, pa uint64) error) error {
	j := uint64(0)
	if first > base {
		j = first - base
	}
	for ; j < recordFanout && base+j < last; j++ {
		if e := l[j]; e != 0 {
			if err := fn(base+j, e&^1); err != nil {
				return err
			}
		}
	}
	return nil
}

// clear forgets every page and drops every node.
func (r *pageRecord) clear() { *r = pageRecord{} }
