/**
 * Fixed reference lists: the product catalogue, countries and names. Values never contain a
 * comma, a quote or a line break, so CSV rows need no quoting.
 */

export interface Product {
  readonly name: string;
  readonly category: string;
  /** List price in cents. */
  readonly price: number;
  /** Share of units of this category that come back. */
  readonly returnRate: number;
}

interface CategorySpec {
  name: string;
  low: number; // cheapest base price, in currency units
  high: number; // dearest base price
  returnRate: number;
  nouns: string[];
  variants: [string, number][]; // adjective and price multiplier
}

const CATEGORIES: CategorySpec[] = [
  {
    name: 'Apparel', low: 12, high: 160, returnRate: 0.16,
    nouns: ['Socks three-pack', 'T-shirt', 'Polo shirt', 'Oxford shirt', 'Chinos', 'Jeans', 'Hoodie', 'Merino jumper', 'Dress', 'Rain jacket', 'Wool coat'],
    variants: [['Essential', 0.8], ['Classic', 1], ['Premium', 1.45]],
  },
  {
    name: 'Footwear', low: 18, high: 210, returnRate: 0.14,
    nouns: ['Slippers', 'Canvas sneakers', 'Sandals', 'Running shoes', 'Trainers', 'Loafers', 'Chelsea boots', 'Hiking boots'],
    variants: [['Everyday', 0.85], ['Signature', 1.2]],
  },
  {
    name: 'Home', low: 6, high: 420, returnRate: 0.05,
    nouns: ['Candle', 'Photo frame', 'Cushion', 'Towel set', 'Table lamp', 'Throw blanket', 'Bedding set', 'Wool rug', 'Floor lamp', 'Armchair'],
    variants: [['Nordic', 0.9], ['Heritage', 1.15], ['Studio', 1.35]],
  },
  {
    name: 'Kitchen', low: 4, high: 380, returnRate: 0.05,
    nouns: ['Tea towels', 'Mug set', 'Chef knife', 'Frying pan', 'Kettle', 'Toaster', 'Coffee grinder', 'Blender', 'Espresso machine', 'Stand mixer'],
    variants: [['Basic', 0.85], ['Pro', 1.3]],
  },
  {
    name: 'Beauty', low: 3, high: 85, returnRate: 0.03,
    nouns: ['Lip balm', 'Hand cream', 'Shampoo', 'Body lotion', 'Face serum', 'Hair dryer', 'Eau de parfum'],
    variants: [['Natural', 0.9], ['Luxe', 1.4]],
  },
  {
    name: 'Electronics', low: 9, high: 1200, returnRate: 0.07,
    nouns: ['USB-C cable', 'Phone case', 'Power bank', 'Earbuds', 'Bluetooth speaker', 'Headphones', 'Smartwatch', 'E-reader', 'Tablet', 'Camera', 'Laptop'],
    variants: [['Lite', 0.8], ['Plus', 1.1], ['Max', 1.45]],
  },
  {
    name: 'Toys', low: 5, high: 140, returnRate: 0.04,
    nouns: ['Card game', 'Jigsaw puzzle', 'Plush bear', 'Board game', 'Building set', 'Remote-control car', 'Wooden play kitchen'],
    variants: [['Junior', 0.85], ['Deluxe', 1.3]],
  },
  {
    name: 'Books', low: 3, high: 45, returnRate: 0.02,
    nouns: ['Notebook', 'Paperback novel', 'Travel guide', 'Hardback novel', 'Cookbook', 'Art book', 'World atlas'],
    variants: [['', 1]],
  },
  {
    name: 'Sports', low: 6, high: 900, returnRate: 0.06,
    nouns: ['Water bottle', 'Yoga mat', 'Resistance bands', 'Dumbbells', 'Tennis racket', 'Bike helmet', 'Rowing machine', 'Road bike'],
    variants: [['Active', 0.9], ['Elite', 1.35]],
  },
  {
    name: 'Grocery', low: 2, high: 60, returnRate: 0,
    nouns: ['Chocolate bar', 'Loose-leaf tea', 'Coffee beans', 'Olive oil', 'Honey', 'Wine gift box', 'Christmas hamper'],
    variants: [['Fairtrade', 0.95], ['Organic', 1.2]],
  },
  {
    name: 'Garden', low: 3, high: 330, returnRate: 0.04,
    nouns: ['Seed packet', 'Plant pot', 'Gardening gloves', 'Pruning shears', 'Garden hose', 'Bird feeder', 'Parasol', 'Lawn mower'],
    variants: [['Green', 0.9], ['Master', 1.25]],
  },
];

/** Shop-style price in cents: x.49/x.99 under 20, x.99 under 100, then 5-unit steps minus a cent. */
function charmPrice(units: number): number {
  if (units < 20) return Math.max(149, Math.round(units * 2) * 50 - 1);
  if (units < 100) return Math.round(units) * 100 - 1;
  return Math.round(units / 5) * 500 - 1;
}

function buildCatalogue(): Product[] {
  const products: Product[] = [];
  for (const c of CATEGORIES) {
    const n = c.nouns.length;
    c.nouns.forEach((noun, i) => {
      // Base prices spread evenly on a log scale across the category's range.
      const base = c.low * Math.pow(c.high / c.low, n === 1 ? 0 : i / (n - 1));
      for (const [adjective, multiplier] of c.variants) {
        products.push({
          name: adjective ? `${adjective} ${noun.charAt(0).toLowerCase()}${noun.slice(1)}` : noun,
          category: c.name,
          price: charmPrice(base * multiplier),
          returnRate: c.returnRate,
        });
      }
    });
  }
  // Sorted by price so a line can pick the product nearest a price by binary search.
  return products.sort((x, y) => x.price - y.price || (x.name < y.name ? -1 : 1));
}

export const PRODUCTS: readonly Product[] = buildCatalogue();
export const MIN_PRICE = PRODUCTS[0].price;
export const MAX_PRICE = PRODUCTS[PRODUCTS.length - 1].price;

/** Index of the last product priced at or below `cents` (−1 if none). */
export function lastAtOrBelow(cents: number): number {
  let lo = 0;
  let hi = PRODUCTS.length - 1;
  if (PRODUCTS[0].price > cents) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (PRODUCTS[mid].price <= cents) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first product priced at or above `cents` (PRODUCTS.length if none). */
export function firstAtOrAbove(cents: number): number {
  let lo = 0;
  let hi = PRODUCTS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (PRODUCTS[mid].price >= cents) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface NameSet {
  readonly first: readonly string[];
  readonly last: readonly string[];
  /** emailSlug of each name, computed once. */
  readonly firstSlug: readonly string[];
  readonly lastSlug: readonly string[];
}

const NAME_LISTS: Record<string, { first: string[]; last: string[] }> = {
  en: {
    first: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Chloe', 'Aoife', 'Hannah', 'Lucy', 'Ella', 'Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Charlie', 'Thomas', 'James', 'William', 'Liam', 'Conor', 'Daniel'],
    last: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson', 'Walker', 'Wright', 'Thompson', 'White', 'Hughes', 'Murphy', 'Kelly', "O'Brien", 'Byrne', 'Clarke', 'Patel', 'Khan', 'Green'],
  },
  de: {
    first: ['Emma', 'Mia', 'Hannah', 'Sophia', 'Lena', 'Lea', 'Marie', 'Anna', 'Jana', 'Katharina', 'Jürgen', 'Lukas', 'Leon', 'Finn', 'Jonas', 'Paul', 'Felix', 'Maximilian', 'Stefan', 'Tobias', 'Matthias', 'Sebastian', 'Niklas', 'Elias'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann'],
  },
  fr: {
    first: ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Juliette', 'Louise', 'Zoé', 'Margaux', 'Élodie', 'Céline', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Théo', 'Nathan', 'Raphaël', 'Mathis', 'Antoine', 'Clément'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier'],
  },
  nl: {
    first: ['Emma', 'Julia', 'Sophie', 'Tess', 'Anna', 'Sara', 'Fleur', 'Lotte', 'Noor', 'Eva', 'Lieke', 'Femke', 'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Milan', 'Bram', 'Thijs', 'Ruben', 'Jesse', 'Sander', 'Wouter'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'Peeters', 'Maes', 'Claes', 'Willems'],
  },
  es: {
    first: ['Lucía', 'Sofía', 'Martina', 'María', 'Paula', 'Julia', 'Valeria', 'Carmen', 'Elena', 'Laura', 'Marta', 'Irene', 'Hugo', 'Martín', 'Lucas', 'Mateo', 'Leo', 'Daniel', 'Alejandro', 'Pablo', 'Javier', 'Sergio', 'Álvaro', 'Diego'],
    last: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez'],
  },
  it: {
    first: ['Sofia', 'Giulia', 'Aurora', 'Alice', 'Ginevra', 'Emma', 'Giorgia', 'Greta', 'Beatrice', 'Chiara', 'Francesca', 'Martina', 'Leonardo', 'Francesco', 'Alessandro', 'Lorenzo', 'Mattia', 'Andrea', 'Gabriele', 'Riccardo', 'Tommaso', 'Edoardo', 'Marco', 'Luca'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani'],
  },
};

const NAMES: Record<string, NameSet> = Object.fromEntries(
  Object.entries(NAME_LISTS).map(([lang, { first, last }]) => [lang, { first, last, firstSlug: first.map(emailSlug), lastSlug: last.map(emailSlug) }]),
);

export interface Country {
  readonly name: string;
  readonly weight: number;
  readonly names: NameSet;
}

export const COUNTRIES: readonly Country[] = [
  { name: 'United Kingdom', weight: 0.34, names: NAMES.en },
  { name: 'Germany', weight: 0.16, names: NAMES.de },
  { name: 'France', weight: 0.13, names: NAMES.fr },
  { name: 'Spain', weight: 0.09, names: NAMES.es },
  { name: 'Netherlands', weight: 0.08, names: NAMES.nl },
  { name: 'Italy', weight: 0.08, names: NAMES.it },
  { name: 'Ireland', weight: 0.05, names: NAMES.en },
  { name: 'Belgium', weight: 0.05, names: NAMES.nl },
  { name: 'Austria', weight: 0.02, names: NAMES.de },
];

/** Reserved example domains (RFC 2606), so no address can reach a real mailbox. */
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'post.example.net'];

/** Lower-case ASCII form of a name for an e-mail address ("Müller" → "muller", "O'Brien" → "obrien"). */
export function emailSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
