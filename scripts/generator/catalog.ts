/**
 * The fixed vocabularies of generated networks: industries (skewed: a few big ones, a long
 * tail), professions within each industry, typical won-referral values, locations, group kinds,
 * company naming and the free attributes (department, club).
 */

export interface Industry {
  name: string;
  /** Relative share of people. */
  weight: number;
  professions: readonly string[];
  /** Median value of a won referral, in currency units. */
  dealMedian: number;
  /** Company name suffixes typical for the industry. */
  suffixes: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  { name: 'Real Estate', weight: 14, professions: ['Estate Agent', 'Mortgage Broker', 'Property Manager', 'Surveyor', 'Conveyancer'], dealMedian: 6000, suffixes: ['Properties', 'Estates', 'Realty', 'Homes'] },
  { name: 'Financial Services', weight: 12, professions: ['Financial Adviser', 'Wealth Manager', 'Accountant', 'Bookkeeper', 'Tax Adviser'], dealMedian: 4000, suffixes: ['Wealth', 'Capital', 'Partners', 'Advisory'] },
  { name: 'Construction & Trades', weight: 11, professions: ['Builder', 'Electrician', 'Plumber', 'Architect', 'Roofer', 'Interior Designer'], dealMedian: 8000, suffixes: ['Builders', 'Construction', 'Contracting', 'Works'] },
  { name: 'Marketing & Media', weight: 9, professions: ['Marketing Consultant', 'Graphic Designer', 'Copywriter', 'Photographer', 'PR Consultant', 'Videographer'], dealMedian: 2500, suffixes: ['Media', 'Creative', 'Studio', 'Agency'] },
  { name: 'IT & Software', weight: 8, professions: ['Web Developer', 'IT Support', 'Software Engineer', 'Cybersecurity Consultant', 'Data Analyst'], dealMedian: 5000, suffixes: ['Tech', 'Systems', 'Digital', 'Labs'] },
  { name: 'Legal', weight: 6, professions: ['Solicitor', 'Family Lawyer', 'Employment Lawyer', 'Notary', 'Paralegal'], dealMedian: 3500, suffixes: ['Law', 'Legal', '& Co', 'Solicitors'] },
  { name: 'Insurance', weight: 5, professions: ['Insurance Broker', 'Life Insurance Agent', 'Claims Adviser'], dealMedian: 1500, suffixes: ['Insurance', 'Cover', 'Assurance'] },
  { name: 'Health & Wellness', weight: 5, professions: ['Physiotherapist', 'Chiropractor', 'Personal Trainer', 'Nutritionist', 'Dentist'], dealMedian: 800, suffixes: ['Health', 'Clinic', 'Wellness', 'Care'] },
  { name: 'Hospitality & Events', weight: 4, professions: ['Caterer', 'Event Planner', 'Venue Manager', 'Florist'], dealMedian: 2000, suffixes: ['Events', 'Catering', 'Venues'] },
  { name: 'Business Services', weight: 4, professions: ['Business Coach', 'HR Consultant', 'Recruiter', 'Virtual Assistant'], dealMedian: 3000, suffixes: ['Consulting', 'Solutions', 'Group'] },
  { name: 'Automotive', weight: 3, professions: ['Car Dealer', 'Mechanic', 'Fleet Manager'], dealMedian: 2500, suffixes: ['Motors', 'Automotive', 'Garage'] },
  { name: 'Printing & Signage', weight: 2, professions: ['Printer', 'Sign Maker', 'Promotional Products Supplier'], dealMedian: 900, suffixes: ['Print', 'Signs', 'Press'] },
  { name: 'Cleaning & Facilities', weight: 2, professions: ['Commercial Cleaner', 'Facilities Manager', 'Pest Control Technician'], dealMedian: 1200, suffixes: ['Cleaning', 'Facilities', 'Services'] },
  { name: 'Education & Training', weight: 2, professions: ['Corporate Trainer', 'Tutor', 'Language Teacher'], dealMedian: 1500, suffixes: ['Academy', 'Training', 'Learning'] },
  { name: 'Logistics', weight: 1.5, professions: ['Freight Forwarder', 'Courier', 'Removals Specialist'], dealMedian: 3000, suffixes: ['Logistics', 'Freight', 'Transport'] },
  { name: 'Energy & Solar', weight: 1.2, professions: ['Solar Installer', 'Energy Consultant'], dealMedian: 7000, suffixes: ['Energy', 'Solar', 'Power'] },
  { name: 'Travel', weight: 1, professions: ['Travel Agent', 'Tour Operator'], dealMedian: 1800, suffixes: ['Travel', 'Journeys', 'Tours'] },
  { name: 'Photography & Art', weight: 0.8, professions: ['Portrait Photographer', 'Illustrator', 'Gallery Owner'], dealMedian: 700, suffixes: ['Gallery', 'Arts', 'Pictures'] },
  { name: 'Security', weight: 0.7, professions: ['Security Installer', 'Locksmith'], dealMedian: 1300, suffixes: ['Security', 'Protect', 'Guard'] },
  { name: 'Agriculture', weight: 0.5, professions: ['Farm Manager', 'Agronomist'], dealMedian: 4000, suffixes: ['Farms', 'Agri', 'Growers'] },
  { name: 'Funeral Services', weight: 0.3, professions: ['Funeral Director'], dealMedian: 3500, suffixes: ['Funeral Care', 'Memorials'] },
];

export interface Location {
  name: string;
  weight: number;
}

export const LOCATIONS: readonly Location[] = [
  { name: 'London, UK', weight: 16 },
  { name: 'Manchester, UK', weight: 7 },
  { name: 'New York, US', weight: 12 },
  { name: 'Austin, US', weight: 5 },
  { name: 'Toronto, CA', weight: 5 },
  { name: 'Madrid, ES', weight: 5 },
  { name: 'Berlin, DE', weight: 5 },
  { name: 'München, DE', weight: 3 },
  { name: 'Kraków, PL', weight: 3 },
  { name: 'Paris, FR', weight: 4 },
  { name: 'Lyon, FR', weight: 2 },
  { name: 'Tokyo, JP', weight: 3 },
  { name: 'Osaka, JP', weight: 1.5 },
  { name: 'Shanghai, CN', weight: 2 },
  { name: 'Bengaluru, IN', weight: 3 },
  { name: 'Lagos, NG', weight: 2 },
  { name: 'Accra, GH', weight: 1 },
  { name: 'Copenhagen, DK', weight: 1.5 },
  { name: 'Stockholm, SE', weight: 1.5 },
  { name: 'Sydney, AU', weight: 3 },
  { name: 'São Paulo, BR', weight: 2 },
  { name: 'Dublin, IE', weight: 1.5 },
];

export interface GroupKind {
  kind: string;
  /** Typical member count (median) and spread in log space. */
  sizeMedian: number;
  sizeSigma: number;
  /** Meetings per two years. */
  meetings: number;
  /** Share of members at a typical meeting, and share of guests on top. */
  turnout: number;
  guestShare: number;
  /** Name patterns; {city} is replaced by the group's city. */
  names: readonly string[];
  /** Relative frequency among groups (after the first few, which cover every kind). */
  weight: number;
}

export const GROUP_KINDS: readonly GroupKind[] = [
  { kind: 'chapter', sizeMedian: 30, sizeSigma: 0.3, meetings: 100, turnout: 0.7, guestShare: 0.05, names: ['{city} Breakfast Chapter', '{city} Referral Circle', '{city} Business Builders', '{city} Early Risers', '{city} Growth Chapter'], weight: 10 },
  { kind: 'chamber', sizeMedian: 400, sizeSigma: 0.6, meetings: 24, turnout: 0.06, guestShare: 0.2, names: ['{city} Chamber of Commerce', '{city} Business Chamber'], weight: 1.5 },
  { kind: 'club', sizeMedian: 90, sizeSigma: 0.4, meetings: 24, turnout: 0.2, guestShare: 0.08, names: ['{city} Business Club', '{city} Entrepreneurs Club', "{city} Women's Business Network", '{city} Founders Club'], weight: 3 },
  { kind: 'online', sizeMedian: 600, sizeSigma: 0.7, meetings: 8, turnout: 0.04, guestShare: 0.05, names: ['{city} Small Business Online', 'Global Referral Network – {city} hub', '{city} Freelancers Community'], weight: 1 },
  { kind: 'speed-networking', sizeMedian: 120, sizeSigma: 0.5, meetings: 12, turnout: 0.2, guestShare: 0.25, names: ['{city} Speed Networking', '{city} Fast Connections'], weight: 1.5 },
  { kind: 'alumni', sizeMedian: 150, sizeSigma: 0.5, meetings: 6, turnout: 0.15, guestShare: 0.05, names: ['{city} Business School Alumni', '{city} MBA Alumni Circle'], weight: 1 },
];

/** The first groups cycle through these kinds so that even a small network has each kind. */
export const FIRST_GROUP_KINDS: readonly string[] = ['chapter', 'chamber', 'chapter', 'club', 'online', 'speed-networking', 'chapter', 'alumni'];

export const COMPANY_WORDS: readonly string[] = [
  'Acme', 'Northwind', 'Bluebird', 'Summit', 'Harbour', 'Oakridge', 'Lighthouse', 'Redwood', 'Silverline', 'Brightside',
  'Keystone', 'Evergreen', 'Ironbridge', 'Meridian', 'Pioneer', 'Cornerstone', 'Horizon', 'Falcon', 'Maple', 'Granite',
  'Crescent', 'Beacon', 'Willow', 'Atlas', 'Nova', 'Sterling', 'Orchard', 'Riverside', 'Copperleaf', 'Foxglove',
  'Kingfisher', 'Juniper', 'Aurora', 'Highgate', 'Westbrook', 'Lindenhof', 'Sakura', 'Solana', 'Zenith', 'Vértice',
];

export const DEPARTMENTS: readonly string[] = ['Sales', 'Operations', 'Finance', 'Marketing', 'Engineering', 'Executive', 'Customer Success', 'HR'];

export const CLUBS: readonly { name: string; weight: number }[] = [
  { name: 'Rotary', weight: 5 },
  { name: 'Toastmasters', weight: 4 },
  { name: 'Lions', weight: 3 },
  { name: 'Golf club', weight: 3 },
  { name: 'Running club', weight: 2 },
  { name: 'Round Table', weight: 1.5 },
  { name: 'Sailing club', weight: 1 },
  { name: 'Chess club', weight: 0.5 },
];

export const TAGS: readonly string[] = ['connector', 'mentor', 'new-member', 'speaker', 'visitor-host', 'power-team', 'sponsor'];

export const TITLES_BY_SIZE: readonly { maxSize: number; titles: readonly string[] }[] = [
  { maxSize: 1, titles: ['Owner', 'Founder', 'Sole Trader', 'Principal'] },
  { maxSize: 20, titles: ['Director', 'Managing Director', 'Partner', 'Owner', 'Manager'] },
  { maxSize: Infinity, titles: ['Account Manager', 'Head of Sales', 'Business Development Manager', 'Regional Director', 'Partner', 'Consultant', 'Team Lead'] },
];
