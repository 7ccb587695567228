//! Tile paths, entry bundles, and hashes recomputed from tiles.

use std::collections::HashMap;

use civis_tlog::hash::leaf_hash;
use civis_tlog::proof::{inclusion_plan, root_plan, verify_inclusion};
use civis_tlog::tile::{
    decode_bundle, decode_hash_tile, encode_bundle, hash_from_tiles, tile_for_node, tiles_for_size,
};
use civis_tlog::{Hash, MemoryLog, TileId, TileKind};

#[test]
fn paths_round_trip_and_bad_ones_are_refused() {
    for (path, kind, index, width) in [
        ("tile/0/000", TileKind::Hashes(0), 0, 256),
        ("tile/1/x001/x234/067", TileKind::Hashes(1), 1234067, 256),
        ("tile/0/x001/x234/067.p/8", TileKind::Hashes(0), 1234067, 8),
        ("tile/entries/005", TileKind::Entries, 5, 256),
        ("tile/entries/x002/000.p/255", TileKind::Entries, 2000, 255),
        ("tile/63/000.p/1", TileKind::Hashes(63), 0, 1),
    ] {
        let id = TileId::parse(path).unwrap();
        assert_eq!(id, TileId { kind, index, width }, "{path}");
        assert_eq!(id.path(), path);
    }
    for bad in [
        "",
        "tile",
        "tile/0",
        "tile/0/",
        "tile/00/000",
        "tile/64/000",
        "tile/-1/000",
        "tile/0/0",
        "tile/0/0000",
        "tile/0/x000/001",
        "tile/0/001/002",
        "tile/0/000.p/0",
        "tile/0/000.p/256",
        "tile/0/000.p/08",
        "tile/0/000.p/",
        "tile/0/000.p",
        "tile/data/000",
        "tile/0/x001",
        "tiles/0/000",
        "tile/0/000/",
        "tile/entries/000.p/1/2",
    ] {
        assert!(TileId::parse(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn tiles_of_a_tree_of_70000() {
    let tiles = tiles_for_size(70_000);
    let count = |kind: TileKind, full: bool| {
        tiles
            .iter()
            .filter(|t| t.kind == kind && t.is_full() == full)
            .count()
    };
    assert_eq!(count(TileKind::Hashes(0), true), 273);
    assert_eq!(count(TileKind::Hashes(1), true), 1);
    assert_eq!(count(TileKind::Hashes(2), true), 0);
    let partial = |kind: TileKind| {
        tiles
            .iter()
            .find(|t| t.kind == kind && !t.is_full())
            .map(|t| t.width)
    };
    assert_eq!(partial(TileKind::Hashes(0)), Some(112));
    assert_eq!(partial(TileKind::Hashes(1)), Some(17));
    assert_eq!(partial(TileKind::Hashes(2)), Some(1));
    assert_eq!(partial(TileKind::Entries), Some(112));
    // A tree of 256 is one full level 0 tile and a level 1 tile of width 1.
    let t256 = tiles_for_size(256);
    assert!(t256.contains(&TileId::parse("tile/0/000").unwrap()));
    assert!(t256.contains(&TileId::parse("tile/1/000.p/1").unwrap()));
    assert!(tiles_for_size(0).is_empty());
}

#[test]
fn bundles_round_trip_and_truncation_is_refused() {
    let entries: Vec<Vec<u8>> = vec![b"a".to_vec(), vec![], vec![7; 300], vec![1; 65535]];
    let bytes = encode_bundle(&entries).unwrap();
    assert_eq!(&bytes[..3], &[0, 1, b'a']);
    assert_eq!(decode_bundle(&bytes).unwrap(), entries);
    assert!(decode_bundle(&bytes[..bytes.len() - 1]).is_err());
    assert!(decode_bundle(&[0]).is_err());
    assert!(encode_bundle(&[vec![0u8; 65536]]).is_err());
}

fn tiles_of(
    log: &MemoryLog,
    size: u64,
    nodes: &[civis_tlog::NodeId],
) -> HashMap<TileId, Vec<Hash>> {
    let mut tiles = HashMap::new();
    for node in nodes {
        let (tile, _) = tile_for_node(*node, size).unwrap();
        let bytes = log.tile(&tile).unwrap();
        tiles.insert(tile, decode_hash_tile(&tile, &bytes).unwrap());
    }
    tiles
}

#[test]
fn roots_and_proofs_recomputed_from_tiles() {
    let mut log = MemoryLog::new();
    let sizes = [
        1u64, 2, 255, 256, 257, 511, 512, 4097, 65_535, 65_536, 70_000,
    ];
    let mut next = 0usize;
    for i in 0..70_000u64 {
        log.append(&i.to_be_bytes()).unwrap();
        if log.size() == sizes[next] {
            let size = log.size();
            let plan = root_plan(size);
            let tiles = tiles_of(&log, size, &plan.nodes());
            let root = plan.finish(|n| hash_from_tiles(n, size, &tiles)).unwrap()[0];
            assert_eq!(root, log.root_at(size).unwrap(), "size {size}");
            let index = size / 3;
            let plan = inclusion_plan(index, size).unwrap();
            let tiles = tiles_of(&log, size, &plan.nodes());
            let proof = plan.finish(|n| hash_from_tiles(n, size, &tiles)).unwrap();
            verify_inclusion(index, size, &leaf_hash(&index.to_be_bytes()), &proof, &root).unwrap();
            // The entry bundle holding the entry has it.
            let bundle_id = TileId {
                kind: TileKind::Entries,
                index: index / 256,
                width: u16::try_from((size - index / 256 * 256).min(256)).unwrap(),
            };
            let bundle = decode_bundle(&log.tile(&bundle_id).unwrap()).unwrap();
            assert_eq!(bundle[(index % 256) as usize], index.to_be_bytes());
            next += 1;
        }
    }
    assert_eq!(next, sizes.len());
    // A tile beyond the tree does not exist.
    assert!(log
        .tile(&TileId::parse("tile/0/x001/000").unwrap())
        .is_none());
    assert!(log
        .tile(&TileId::parse("tile/2/000.p/2").unwrap())
        .is_none());
    assert!(log
        .tile(&TileId::parse("tile/2/000.p/1").unwrap())
        .is_some());
    assert!(log
        .tile(&TileId::parse("tile/9/000.p/1").unwrap())
        .is_none());
}
