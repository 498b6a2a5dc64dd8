/**
 * The demo catalog seeded when DEMO_MODE=true. Images are SVG files in gateway/public/images/products/,
 * made by scripts/generate-demo-images.ts from this same list. Prices are in cents.
 */
export interface DemoCategory {
  name: string;
  /** Base hue of the category's images (0..360). */
  hue: number;
  glyph: 'mug' | 'headphones' | 'tent' | 'book' | 'lamp' | 'shirt' | 'die' | 'leaf';
}

export interface DemoProduct {
  name: string;
  category: string;
  price: number;
  stock: number;
  description: string;
  /** A second, detail image for some products. */
  detail?: boolean;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { name: 'Kitchen', hue: 18, glyph: 'mug' },
  { name: 'Electronics', hue: 212, glyph: 'headphones' },
  { name: 'Outdoors', hue: 140, glyph: 'tent' },
  { name: 'Books', hue: 265, glyph: 'book' },
  { name: 'Home', hue: 42, glyph: 'lamp' },
  { name: 'Apparel', hue: 330, glyph: 'shirt' },
  { name: 'Toys & Games', hue: 0, glyph: 'die' },
  { name: 'Garden', hue: 95, glyph: 'leaf' },
];

const p = (category: string, name: string, price: number, stock: number, description: string, detail = false): DemoProduct => ({
  category, name, price, stock, description, detail,
});

export const DEMO_PRODUCTS: DemoProduct[] = [
  p('Kitchen', 'Stoneware Coffee Mug', 1499, 120, 'A hand-glazed 350 ml mug that keeps coffee warm and feels good in the hand. Dishwasher and microwave safe.', true),
  p('Kitchen', 'Electric Gooseneck Kettle', 6999, 34, 'Pour-over precision: a 0.9 l kettle with temperature presets from 40 to 100 °C and a keep-warm mode.', true),
  p('Kitchen', 'Cast Iron Skillet 26 cm', 4499, 48, 'Pre-seasoned cast iron for searing, baking and campfires. Gets better with every use.'),
  p('Kitchen', "Chef's Knife 20 cm", 8900, 22, 'Forged stainless steel with a full tang and a balanced beech handle. Sharpened to 15 degrees per side.', true),
  p('Kitchen', 'Bamboo Cutting Board Set', 2999, 75, 'Three boards in three sizes, with juice grooves and rounded edges. Light, sturdy and kind to knives.'),
  p('Kitchen', 'French Press 1 l', 3499, 2, 'Borosilicate glass and a double mesh filter for a full-bodied brew without grounds in the cup.'),
  p('Kitchen', 'Enamel Dutch Oven 5 l', 11900, 15, 'Slow-cook stews, bake bread and braise for hours. The enamel interior needs no seasoning.'),
  p('Kitchen', 'Ceramic Pour-Over Dripper', 2299, 0, 'A single-cup dripper with spiral ribs for an even extraction. Fits standard #2 filters.'),
  p('Electronics', 'Wireless Noise-Cancelling Headphones', 19900, 40, 'Over-ear headphones with adaptive noise cancelling, 30 hours of battery and a fold-flat design.', true),
  p('Electronics', 'Portable Bluetooth Speaker', 5999, 86, 'Waterproof (IP67), 12 hours of play and a sound bigger than its size. Pairs two for stereo.'),
  p('Electronics', 'Mechanical Keyboard', 12900, 27, 'Hot-swappable tactile switches, PBT keycaps and a solid aluminium frame. USB-C and Bluetooth.', true),
  p('Electronics', 'USB-C Charging Hub 65 W', 4999, 140, 'Charge a laptop, a phone and earbuds at once from one compact, travel-ready brick.'),
  p('Electronics', 'E-Reader 6"', 10900, 3, 'A glare-free screen that reads like paper, a warm front light and weeks of battery.'),
  p('Electronics', 'Smart LED Desk Lamp', 7900, 52, 'Dimmable light from warm to daylight, a wireless charging base and a timer for focus sessions.'),
  p('Electronics', 'True Wireless Earbuds', 8900, 64, 'Small, secure and clear, with a pocket case that holds four extra charges.'),
  p('Electronics', '4K Webcam', 9900, 18, 'Sharp video in any light, two noise-reducing microphones and a privacy shutter.'),
  p('Outdoors', 'Two-Person Backpacking Tent', 24900, 12, 'Freestanding, 1.6 kg, with two doors and two vestibules. Pitches in under five minutes.', true),
  p('Outdoors', 'Down Sleeping Bag -5 °C', 18900, 20, '700-fill responsibly sourced down in a mummy shape. Packs to the size of a loaf of bread.'),
  p('Outdoors', 'Trekking Poles (Pair)', 6900, 44, 'Carbon fibre, adjustable from 100 to 135 cm, with cork grips and quick flick locks.'),
  p('Outdoors', 'Insulated Water Bottle 750 ml', 2999, 210, 'Cold for 24 hours, hot for 12. Leak-proof lid and a powder-coated grip.'),
  p('Outdoors', 'Headlamp 400 lm', 3499, 95, 'Rechargeable, with a red night mode and a beam that reaches 90 metres.'),
  p('Outdoors', 'Daypack 24 l', 7900, 1, 'A ventilated back panel, a hydration sleeve and pockets for everything you reach for on the trail.', true),
  p('Outdoors', 'Camping Stove', 4599, 38, 'Boils a litre of water in three and a half minutes. Folds into its own pot.'),
  p('Outdoors', 'Hammock with Straps', 5499, 57, 'Ripstop nylon that holds 200 kg and packs into a pouch the size of a grapefruit.'),
  p('Books', 'The Art of Slow Cooking', 3200, 45, 'Eighty recipes that reward patience, from Sunday ragù to overnight beans.'),
  p('Books', 'A Field Guide to Night Skies', 2400, 30, 'Star charts for every season, planets, meteor showers and how to find them without a telescope.', true),
  p('Books', 'Designing Data Systems', 4900, 26, 'A practical tour of storage, replication, partitioning and the trade-offs behind them.'),
  p('Books', 'The Quiet Garden', 2800, 2, 'A year in a small garden: what to plant, when to prune and why to leave some of it wild.'),
  p('Books', 'Short Walks in the Mountains', 2200, 60, 'Forty routes under four hours, with maps, elevation profiles and where to get coffee after.'),
  p('Books', 'Bread Every Day', 3000, 33, 'Sourdough, flatbreads and quick loaves that fit around a working week.'),
  p('Books', 'Modern Typography', 3900, 0, 'How type works on screen and on paper, with hundreds of examples and exercises.'),
  p('Books', 'Stories for a Long Train Ride', 1800, 80, 'Twelve short stories by new writers, each readable between two stations.'),
  p('Home', 'Linen Duvet Cover', 12900, 24, 'Stonewashed European linen that softens with every wash. Breathable in summer, cosy in winter.', true),
  p('Home', 'Ceramic Table Lamp', 8900, 16, 'A hand-thrown base with a linen shade for a soft, warm light.'),
  p('Home', 'Wool Throw Blanket', 7900, 35, 'Merino wool woven in a herringbone pattern, 130 × 170 cm.'),
  p('Home', 'Scented Soy Candle', 2499, 150, 'Cedarwood and bergamot, 50 hours of clean burn in a reusable glass jar.'),
  p('Home', 'Wall Clock 30 cm', 4900, 41, 'A silent sweep movement, an oak frame and a face you can read across the room.'),
  p('Home', 'Set of 4 Linen Napkins', 3200, 70, 'Stonewashed linen napkins in muted colours that go with every table.'),
  p('Home', 'Woven Storage Basket', 3900, 3, 'Seagrass, hand-woven, with handles. Fits blankets, toys or a week of laundry.'),
  p('Home', 'Glass Carafe with Tumbler', 2900, 62, 'A bedside carafe whose glass doubles as a lid. Mouth-blown borosilicate.'),
  p('Apparel', 'Merino Wool Sweater', 9900, 36, 'A fine-knit crew neck in soft merino that regulates warmth and resists odours.', true),
  p('Apparel', 'Organic Cotton T-Shirt', 2900, 180, 'Heavyweight organic cotton, a relaxed fit and a collar that keeps its shape.'),
  p('Apparel', 'Waxed Canvas Jacket', 18900, 9, 'Water-resistant waxed cotton with a corduroy collar. Ages beautifully.'),
  p('Apparel', 'Leather Belt', 4900, 55, 'Full-grain vegetable-tanned leather with a solid brass buckle.'),
  p('Apparel', 'Rain Shell', 14900, 21, 'A fully taped, breathable three-layer shell that packs into its own pocket.'),
  p('Apparel', 'Wool Beanie', 2400, 90, 'A ribbed beanie in soft lambswool. One size, many colours.'),
  p('Apparel', 'Everyday Sneakers', 11900, 28, 'Leather uppers, a cushioned footbed and a rubber sole that lasts.', true),
  p('Apparel', 'Cotton Socks (3 Pairs)', 1900, 240, 'Combed cotton with a reinforced heel and toe. Comfortable all day.'),
  p('Toys & Games', 'Wooden Building Blocks', 3900, 47, 'Fifty blocks of sustainably grown beech in natural and painted finishes.', true),
  p('Toys & Games', 'Strategy Board Game', 4500, 31, 'Build trade routes across an ancient sea. Two to five players, an hour a game.'),
  p('Toys & Games', '1000-Piece Jigsaw Puzzle', 2200, 66, 'An illustrated harbour town with plenty of details to find. Thick, snug-fitting pieces.'),
  p('Toys & Games', 'Classic Chess Set', 5900, 14, 'Weighted wooden pieces and a folding board that doubles as a box.'),
  p('Toys & Games', 'Polyhedral Dice Set', 1500, 120, 'Seven dice for tabletop role-playing games, in a cloth pouch.'),
  p('Toys & Games', 'Remote Control Car', 6900, 2, 'All-terrain, 25 km/h, with a rechargeable battery and spare tyres.'),
  p('Toys & Games', 'Card Game for Families', 1800, 85, 'Quick to learn, hard to put down. Fifteen minutes a round, for ages eight and up.'),
  p('Toys & Games', 'Kite with Tail', 2600, 39, 'A sturdy ripstop kite that flies in light wind. Line and winder included.'),
  p('Garden', 'Terracotta Plant Pot Set', 3400, 58, 'Three unglazed pots with saucers, 12, 16 and 20 cm, made by hand.', true),
  p('Garden', 'Pruning Shears', 3900, 43, 'Bypass secateurs with a hardened steel blade and a lock you can work with one hand.'),
  p('Garden', 'Herb Seed Collection', 1600, 130, 'Basil, parsley, chives, coriander, dill and thyme: six packets of organic seeds.'),
  p('Garden', 'Watering Can 5 l', 3600, 25, 'Galvanised steel with a long spout and a brass rose for gentle watering.'),
  p('Garden', 'Raised Garden Bed', 14900, 7, 'Untreated larch, 120 × 60 cm, assembles without tools.'),
  p('Garden', 'Garden Kneeler and Seat', 4900, 19, 'Flip it over to kneel on the foam pad or sit while you weed.'),
  p('Garden', 'Bird Feeder', 2900, 0, 'A cedar feeder with a copper roof that keeps seed dry and squirrels out.'),
  p('Garden', 'Gardening Gloves', 1400, 160, 'Breathable, grippy and washable, with reinforced fingertips.'),
];

export const slugOf = (name: string) =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Image file names of a product, as served at /images/products/<file>. */
export const imageFilesOf = (product: DemoProduct) =>
  product.detail ? [`${slugOf(product.name)}.svg`, `${slugOf(product.name)}-detail.svg`] : [`${slugOf(product.name)}.svg`];
