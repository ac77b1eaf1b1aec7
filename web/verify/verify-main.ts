// The verification page (/verify/:code): what a planning-information sheet stated and whether the plan in force still says so.
import '../styles/page.css';
