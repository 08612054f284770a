/** A postal address as orders store it and carriers receive it (country: ISO 3166-1 alpha-2). */
export interface PostalAddress {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}
