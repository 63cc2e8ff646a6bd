/**
 * What column names mean: the words CRM and e-commerce exports use for each role
 * (Shopify, Online Retail's InvoiceNo/StockCode/UnitPrice, CDNOW's cds/dollars, CRM
 * member_id/client…). Exact names score high; names that merely contain a telling word
 * score lower.
 */
import { compactName, nameTokens } from './names';
import { ROLE_LABELS, type Role } from './roles';

export interface NameMatch {
  role: Role;
  /** 0–1: how surely the name alone says the role. */
  score: number;
  reason: string;
}

interface Vocabulary {
  role: Role;
  /** Whole names, run together and lower-cased ("customerid" matches CustomerID, customer_id). */
  exact: readonly string[];
  /** A looser test on the name's words. */
  words?: (tokens: readonly string[]) => boolean;
  wordsScore?: number;
}

const anyOf = (tokens: readonly string[], words: readonly string[]): boolean => tokens.some((t) => words.includes(t));
const ID_WORDS = ['id', 'no', 'nr', 'num', 'number', 'key', 'code', 'ref', 'reference'];
const PERSON_WORDS = ['customer', 'cust', 'client', 'member', 'user', 'account', 'buyer', 'shopper', 'contact', 'consumer', 'patron', 'guest'];
const SIGNUP_WORDS = ['signup', 'signed', 'registered', 'registration', 'register', 'join', 'joined', 'since', 'birth', 'dob', 'born', 'birthday'];
const NOT_EVENT_TIME = [...SIGNUP_WORDS, 'updated', 'modified', 'ship', 'shipped', 'shipping', 'delivery', 'delivered', 'expiry', 'expires', 'due', 'deleted'];

const VOCABULARY: readonly Vocabulary[] = [
  {
    role: 'customer_id',
    exact: [
      'customerid', 'custid', 'customerno', 'customernumber', 'customerkey', 'customercode', 'customerref', 'customer', 'cust', 'custno',
      'clientid', 'client', 'clientno', 'clientnumber', 'clientcode', 'memberid', 'member', 'memberno', 'membernumber', 'userid', 'user',
      'accountid', 'account', 'accountno', 'accountnumber', 'buyerid', 'buyer', 'shopperid', 'shopper', 'contactid', 'consumerid',
      'patronid', 'guestid', 'masterid', 'personid', 'householdid', 'cid', 'uid', 'loyaltyid', 'cardholderid',
    ],
    words: (t) => anyOf(t, PERSON_WORDS) && anyOf(t, ID_WORDS),
    wordsScore: 0.8,
  },
  {
    role: 'occurred_at',
    exact: [
      'date', 'orderdate', 'orderedat', 'orderdatetime', 'ordertime', 'ordertimestamp', 'invoicedate', 'invoicedatetime', 'createdat',
      'created', 'createddate', 'createdon', 'timestamp', 'ts', 'time', 'datetime', 'eventtime', 'eventdate', 'eventtimestamp', 'eventat',
      'occurredat', 'occurred', 'occurredon', 'purchasedate', 'purchasedat', 'purchasetime', 'transactiondate', 'transactiontime',
      'transactiondatetime', 'txndate', 'saledate', 'salesdate', 'visitdate', 'visitedat', 'sentat', 'openedat', 'clickedat', 'when',
      'day', 'placedat', 'paidat', 'checkoutat', 'activitydate', 'interactiondate', 'yyyymmdd', 'trandate', 'bookingdate', 'receiptdate',
    ],
    words: (t) => (anyOf(t, ['date', 'time', 'timestamp', 'datetime', 'ts']) || t[t.length - 1] === 'at') && !anyOf(t, NOT_EVENT_TIME),
    wordsScore: 0.65,
  },
  {
    role: 'amount',
    exact: [
      'amount', 'amt', 'revenue', 'total', 'totalamount', 'totalprice', 'totalvalue', 'totalsales', 'ordertotal', 'ordervalue',
      'orderamount', 'invoicetotal', 'invoiceamount', 'sales', 'sale', 'salesamount', 'saleamount', 'dollars', 'usd', 'eur', 'gbp',
      'net', 'netamount', 'netsales', 'netrevenue', 'netvalue', 'gross', 'grossamount', 'grosssales', 'value', 'spend', 'spent',
      'subtotal', 'linetotal', 'lineamount', 'linevalue', 'payment', 'paid', 'paidamount', 'amountpaid', 'charge', 'transactionamount',
      'txnamount', 'purchaseamount', 'monetary', 'money', 'turnover', 'totaldue', 'grandtotal',
    ],
    words: (t) => anyOf(t, ['amount', 'revenue', 'total', 'sales', 'spend', 'dollars', 'turnover']) && !anyOf(t, ['unit', 'discount', 'tax', 'shipping', 'count', 'qty', 'quantity', 'items', 'orders']),
    wordsScore: 0.7,
  },
  {
    role: 'quantity',
    exact: ['quantity', 'qty', 'units', 'unitcount', 'numunits', 'cds', 'items', 'itemcount', 'numitems', 'nitems', 'pieces', 'pcs', 'quantityordered', 'qtyordered', 'orderedquantity', 'unitssold', 'qtysold', 'quantitysold'],
    words: (t) => anyOf(t, ['qty', 'quantity', 'units']),
    wordsScore: 0.75,
  },
  {
    role: 'unit_price',
    exact: ['unitprice', 'price', 'priceeach', 'itemprice', 'unitcost', 'listprice', 'saleprice', 'priceperunit', 'productprice', 'retailprice', 'sellingprice', 'unitamount'],
    words: (t) => t.includes('price') && !anyOf(t, ['total', 'line']),
    wordsScore: 0.7,
  },
  {
    role: 'discount',
    exact: ['discount', 'discountamount', 'discountamt', 'discountvalue', 'discountpct', 'discountpercent', 'discountrate', 'discountperc', 'rebate', 'couponamount', 'couponvalue', 'markdown', 'promoamount', 'promodiscount', 'totaldiscount'],
    words: (t) => anyOf(t, ['discount', 'rebate', 'markdown']),
    wordsScore: 0.75,
  },
  {
    role: 'order_id',
    exact: [
      'orderid', 'orderno', 'ordernumber', 'ordernr', 'orderref', 'orderreference', 'order', 'invoiceno', 'invoice', 'invoiceid',
      'invoicenumber', 'invoicenr', 'transactionid', 'transaction', 'txnid', 'txn', 'receiptid', 'receiptno', 'receipt', 'basketid',
      'cartid', 'tranid', 'saleid', 'salesid', 'bookingid', 'booking', 'purchaseid', 'checkoutid', 'ordername',
    ],
    words: (t) => anyOf(t, ['order', 'invoice', 'transaction', 'txn', 'receipt', 'basket', 'booking', 'purchase']) && anyOf(t, ID_WORDS),
    wordsScore: 0.8,
  },
  {
    role: 'channel',
    exact: ['channel', 'saleschannel', 'orderchannel', 'channelname', 'source', 'medium', 'platform', 'touchpoint', 'utmsource', 'utmmedium', 'storetype', 'device', 'outlet', 'sourcename'],
    words: (t) => t.includes('channel') && !anyOf(t, SIGNUP_WORDS),
    wordsScore: 0.8,
  },
  {
    role: 'event',
    exact: ['event', 'eventtype', 'eventname', 'type', 'action', 'activity', 'activitytype', 'interaction', 'interactiontype', 'actiontype', 'transactiontype', 'txntype', 'kind'],
    words: (t) => t.includes('event'),
    wordsScore: 0.8,
  },
  {
    role: 'product',
    exact: [
      'product', 'productname', 'productid', 'productcode', 'productsku', 'sku', 'stockcode', 'item', 'itemname', 'itemid', 'itemcode',
      'article', 'articleid', 'articleno', 'productdescription', 'itemdescription', 'producttitle', 'title', 'description', 'lineitemname',
    ],
    words: (t) => anyOf(t, ['product', 'sku', 'article']) || (t.includes('item') && !anyOf(t, ['count', 'qty', 'quantity', 'price'])),
    wordsScore: 0.7,
  },
  {
    role: 'category',
    exact: ['category', 'productcategory', 'categoryname', 'cat', 'department', 'dept', 'productline', 'producttype', 'productgroup', 'genre', 'subcategory', 'itemcategory', 'family'],
    words: (t) => t.includes('category'),
    wordsScore: 0.8,
  },
  { role: 'email', exact: ['email', 'emailaddress', 'mail', 'emailid', 'customeremail', 'useremail', 'contactemail'], words: (t) => anyOf(t, ['email', 'mail']), wordsScore: 0.85 },
  { role: 'country', exact: ['country', 'countrycode', 'countryname', 'nation', 'countryiso', 'isocountry', 'shippingcountry', 'billingcountry'], words: (t) => t.includes('country'), wordsScore: 0.85 },
  {
    role: 'signup_date',
    exact: [
      'signupdate', 'signedup', 'signedupat', 'signupat', 'signuptime', 'signupon', 'registeredat', 'registrationdate', 'registered',
      'registereddate', 'registeredon', 'joindate', 'joined', 'joinedat', 'joinedon', 'customersince', 'membersince', 'accountcreated',
      'accountcreatedat', 'since',
    ],
    words: (t) => anyOf(t, ['signup', 'registered', 'registration', 'joined', 'since']) || (t.includes('signed') && t.includes('up')),
    wordsScore: 0.8,
  },
  { role: 'first_name', exact: ['firstname', 'givenname', 'fname', 'forename', 'first'], words: (t) => t.includes('first') && t.includes('name'), wordsScore: 0.8 },
  { role: 'last_name', exact: ['lastname', 'surname', 'familyname', 'lname', 'last'], words: (t) => (t.includes('last') || t.includes('family')) && t.includes('name'), wordsScore: 0.8 },
];

/** Every role the name suggests, best first. */
export function nameMatches(name: string): NameMatch[] {
  const compact = compactName(name);
  const tokens = nameTokens(name);
  const out: NameMatch[] = [];
  for (const v of VOCABULARY) {
    if (v.exact.includes(compact)) out.push({ role: v.role, score: 0.95, reason: `The name "${name}" reads as the ${label(v.role)}` });
    else if (v.words?.(tokens)) out.push({ role: v.role, score: v.wordsScore ?? 0.7, reason: `The name "${name}" suggests the ${label(v.role)}` });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Table names that say the table lists customers. */
export function isCustomerTableName(name: string): boolean {
  return nameTokens(name).some((t) => /^(customers?|clients?|members?|users?|contacts?|accounts?|people|persons?|shoppers?|buyers?|crm|subscribers?|patrons?|households?)$/.test(t));
}

/** Table names that say the table holds orders (where a bare "id" is the order id). */
export function isOrderTableName(name: string): boolean {
  return nameTokens(name).some((t) => /^(orders?|invoices?|transactions?|sales?|purchases?|receipts?|bookings?|lines?)$/.test(t));
}

function label(role: Role): string {
  return ROLE_LABELS[role];
}
