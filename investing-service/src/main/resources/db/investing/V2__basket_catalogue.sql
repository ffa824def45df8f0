-- The curated basket catalogue: product reference data, one basket per risk level, built from
-- broad-market ETFs. Ids are fixed so that environments, tests and clients agree on them.
-- Weights are JSON strings (exact decimals) and sum to exactly 1 in every basket.

INSERT INTO baskets (id, name, description, risk_level, composition_json) VALUES
('575d7aee-8ca4-41b0-9f24-f770f835e790', 'Steady Income',
 'Mostly high-quality bonds with a slice of global stocks, for capital preservation and income.',
 'conservative',
 '[{"symbol": "BND", "weight": "0.50"}, {"symbol": "BNDX", "weight": "0.20"},
   {"symbol": "VTI", "weight": "0.20"}, {"symbol": "VXUS", "weight": "0.10"}]'),
('38106ba1-8438-4e49-8775-d2b09b03a185', 'Balanced Core',
 'An even blend of US and international stocks with bonds, for steady long-term growth.',
 'balanced',
 '[{"symbol": "VTI", "weight": "0.40"}, {"symbol": "VXUS", "weight": "0.20"},
   {"symbol": "BND", "weight": "0.30"}, {"symbol": "BNDX", "weight": "0.10"}]'),
('2971974a-fee8-4628-9456-6cbc115b5a91', 'Growth Equity',
 'All stocks: the total US market, international markets and large-cap technology, for long horizons.',
 'growth',
 '[{"symbol": "VTI", "weight": "0.60"}, {"symbol": "VXUS", "weight": "0.25"},
   {"symbol": "QQQ", "weight": "0.15"}]');
